// Real processes, real crashes: two service processes on the project's MongoDB test server run a
// mixed load (chains of HTTP calls, interval and webhook waits, retries, sync sub-workflows); one is
// killed with SIGKILL mid-flight and started again, then the MongoDB server itself is killed and
// started again on the same data. Afterwards: no acknowledged execution is lost, none is left
// unfinished, and no HTTP call was made twice except by an attempt in flight at one of those moments.
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../src/gen/prana/v1/execution.js';
import { ExecutionServiceClient, ExecutionWait, GetExecutionRequest, ResumeRequest, StartExecutionRequest } from '../../src/gen/prana/v1/execution_service.js';
import { WorkflowServiceClient } from '../../src/gen/prana/v1/workflow_service.js';
import type { Workflow } from '../../src/gen/prana/v1/workflow.js';
import { call } from '../integration/grpc/support/calls.js';
import { uriWithDatabase } from '../integration/grpc/support/test-service.js';
import { canRunOwnMongoServer, startOwnMongoServer, type OwnMongoServer } from '../support/own-mongo-server.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';
import { startSideEffects, type Hit, type SideEffects } from './side-effects.js';
import { childWorkflow, LOAD_KINDS, workflowOf, type LoadKind } from './workflows.js';

const EXECUTIONS = 60;
const START_EVERY_MS = 200;
const LEASE_MS = 3000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls that a client retries: the server was killed, the store was down, or a race was lost. */
function retryable(error: ServiceError): boolean {
  return [status.UNAVAILABLE, status.ABORTED, status.DEADLINE_EXCEEDED, status.CANCELLED, status.INTERNAL, status.UNKNOWN].includes(error.code);
}

/** gRPC clients of whichever service processes are up. */
class Clients {
  private readonly executions = new Map<string, ExecutionServiceClient>();
  readonly unexpected: string[] = [];
  /** Refusals the caller accepted as an answer (for a failure report). */
  readonly accepted: string[] = [];

  constructor(private readonly live: () => readonly ServiceProcess[]) {}

  /** Runs one call on a live process (round robin by attempt); retries what a client retries. */
  async retry<Response>(
    what: string,
    work: (client: ExecutionServiceClient) => Promise<{ ok: true; response: Response } | { ok: false; error: ServiceError }>,
    accept: (error: ServiceError) => boolean = () => false,
  ): Promise<Response | ServiceError> {
    for (let attempt = 0; attempt < 2000; attempt++) {
      const up = this.live().filter((p) => !p.exited());
      if (up.length > 0) {
        const target = up[attempt % up.length] as ServiceProcess;
        const outcome = await work(this.client(target.address));
        if (outcome.ok) return outcome.response;
        if (accept(outcome.error)) {
          this.accepted.push(`${what} on ${target.name}: ${outcome.error.code} ${outcome.error.details}`);
          return outcome.error;
        }
        if (!retryable(outcome.error)) {
          this.unexpected.push(`${what}: ${outcome.error.code} ${outcome.error.details}`);
          return outcome.error;
        }
      }
      await sleep(100);
    }
    throw new Error(`${what}: no answer after 2000 attempts`);
  }

  close(): void {
    for (const client of this.executions.values()) client.close();
  }

  private client(address: string): ExecutionServiceClient {
    let client = this.executions.get(address);
    if (client === undefined) {
      client = new ExecutionServiceClient(address, credentials.createInsecure());
      this.executions.set(address, client);
    }
    return client;
  }
}

/** Prints what the store holds of executions that did not end, and the processes' log lines about them. */
async function report(uri: string, ids: readonly string[], processes: readonly ServiceProcess[]): Promise<void> {
  const direct = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    for (const row of await direct
      .db()
      .collection('executions')
      .find({ _id: { $in: [...ids] as never[] } })
      .toArray()) {
      const { data, ...fields } = row;
      console.log(`[crash] unfinished ${JSON.stringify(fields)} data ${String(data).slice(0, 1500)}`);
      for (const p of processes) for (const line of p.log.filter((l) => l.includes(String(row._id)))) console.log(`[crash] ${p.name}: ${line.slice(0, 600)}`);
    }
  } finally {
    await direct.close();
  }
}

const deadline = { deadline: 0 };
const within = (ms: number): { deadline: number } => ({ ...deadline, deadline: Date.now() + ms });

(canRunOwnMongoServer() ? describe : describe.skip)('kill -9 of a replica and of MongoDB under load', () => {
  let mongo: OwnMongoServer | undefined;
  let effects: SideEffects | undefined;
  const processes: ServiceProcess[] = [];
  let clients: Clients | undefined;

  afterAll(async () => {
    clients?.close();
    await Promise.all(processes.map((p) => p.kill()));
    await effects?.close();
    await mongo?.close();
  });

  it('loses nothing, leaves nothing unfinished, and repeats only calls in flight at a crash', async () => {
    mongo = await startOwnMongoServer();
    effects = await startSideEffects();
    const uri = uriWithDatabase(mongo.uri, 'crash');
    const env = {
      MONGODB_URI: uri,
      PRANA_TOKEN_SECRET: 'crash-test-secret-0123456789abcdef01234567',
      PRANA_LEASE_MS: String(LEASE_MS),
      PRANA_POLL_MS: '250',
      PRANA_HTTP_ALLOW_HOSTS: '127.0.0.1',
    };
    const live: ServiceProcess[] = [await startServiceProcess('a', env), await startServiceProcess('b', env)];
    processes.push(...live);
    clients = new Clients(() => live);

    // Compile on one process: the child first, then every kind.
    const workflows = new WorkflowServiceClient(live[1]!.address, credentials.createInsecure());
    const compile = async (workflow: Workflow): Promise<string> => {
      const outcome = await call(workflows.compileWorkflow.bind(workflows), { workflow });
      if (!outcome.ok) throw new Error(`compile ${workflow.id}: ${outcome.error.details}`);
      return outcome.response.graphId;
    };
    const child = await compile(childWorkflow(effects.url));
    const graphs = new Map<LoadKind, string>();
    for (const kind of LOAD_KINDS) graphs.set(kind, await compile(workflowOf(kind, effects.url, child)));
    workflows.close();

    const faults: number[] = [];
    const acknowledged = new Map<number, string>();
    const c = clients;

    /** One execution of the load: started until acknowledged, a webhook wait resumed once suspended. */
    const script = async (n: number): Promise<void> => {
      await sleep(n * START_EVERY_MS);
      const kind = LOAD_KINDS[n % LOAD_KINDS.length] as LoadKind;
      const request = StartExecutionRequest.fromPartial({
        graphId: graphs.get(kind),
        input: { n },
        requestId: `load-${n}`,
        labels: { load: 'crash' },
        wait: ExecutionWait.EXECUTION_WAIT_NONE,
      });
      const started = await c.retry(`start ${n}`, (client) => call(client.startExecution.bind(client), request, within(5000)));
      if ('code' in started) return;
      const id = started.execution!.id;
      acknowledged.set(n, id);
      if (kind !== 'webhook') return;
      for (;;) {
        await sleep(300);
        const view = await c.retry(`get ${n}`, (client) =>
          call(client.getExecution.bind(client), GetExecutionRequest.fromPartial({ executionId: id }), within(5000)),
        );
        if ('code' in view) return;
        if (view.execution?.status === ExecutionStatus.EXECUTION_STATUS_SUSPENDED && view.execution.suspension?.nodeKey === 'approval') break;
      }
      const resume = ResumeRequest.fromPartial({
        target: { $case: 'node', value: { executionId: id, nodeKey: 'approval' } },
        data: { approved: true },
        requestId: `approve-${n}`,
      });
      await c.retry(
        `resume ${n}`,
        (client) => call(client.resume.bind(client), resume, within(5000)),
        (error) => error.code === status.FAILED_PRECONDITION,
      );
    };

    const load = Promise.all(Array.from({ length: EXECUTIONS }, (_, n) => script(n)));

    // A replica is killed mid-flight and started again.
    await sleep(3000);
    faults.push(Date.now());
    await live[0]!.kill();
    await sleep(2500);
    live[0] = await startServiceProcess('a-again', env);
    processes.push(live[0]);
    // The MongoDB server is killed under load and started again on the same data.
    await sleep(3000);
    faults.push(Date.now());
    await mongo.kill();
    await sleep(4000);
    await mongo.restart();
    faults.push(Date.now());
    await load;

    // Every acknowledged execution ends (completed), within a bound.
    const ids = [...acknowledged.values()];
    const ending = Date.now() + 120_000;
    const unfinished = new Set(ids);
    while (unfinished.size > 0 && Date.now() < ending) {
      for (const id of [...unfinished]) {
        const view = await c.retry(`get ${id}`, (client) =>
          call(client.getExecution.bind(client), GetExecutionRequest.fromPartial({ executionId: id }), within(5000)),
        );
        if (
          !('code' in view) &&
          [ExecutionStatus.EXECUTION_STATUS_COMPLETED, ExecutionStatus.EXECUTION_STATUS_FAILED, ExecutionStatus.EXECUTION_STATUS_CANCELLED].includes(
            view.execution!.status,
          )
        ) {
          expect([id, view.execution!.status]).toEqual([id, ExecutionStatus.EXECUTION_STATUS_COMPLETED]);
          unfinished.delete(id);
        }
      }
      if (unfinished.size > 0) await sleep(500);
    }
    expect(clients.unexpected).toEqual([]);
    expect(acknowledged.size).toBe(EXECUTIONS);
    if (unfinished.size > 0) {
      console.log(`[crash] accepted refusals: ${JSON.stringify(clients.accepted)}`);
      await report(uri, [...unfinished], processes);
    }
    expect([...unfinished]).toEqual([]);

    // Nothing in the store is left running, pending or suspended (children included).
    const direct = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      const rows = await direct
        .db()
        .collection('executions')
        .find({}, { projection: { _id: 1, status: 1 } })
        .toArray();
      expect(rows.length).toBe(EXECUTIONS + 2 * (EXECUTIONS / LOAD_KINDS.length));
      expect(rows.filter((row) => !['completed', 'failed', 'cancelled'].includes(String(row.status)))).toEqual([]);
    } finally {
      await direct.close();
    }

    // Calls per node run: one (two for the flaky endpoint, whose first call is dropped); a call made
    // again must have had a crash between it and the one before.
    const byKey = new Map<string, Hit[]>();
    for (const hit of effects.hits) byKey.set(hit.key, [...(byKey.get(hit.key) ?? []), hit]);
    const unexplained: string[] = [];
    let repeated = 0;
    for (const [key, hits] of byKey) {
      const expected = hits[0]!.path === '/flaky' ? 2 : 1;
      for (let i = expected; i < hits.length; i++) {
        repeated++;
        const before = hits[i - 1]!.at;
        const again = hits[i]!.at;
        if (!faults.some((fault) => before <= fault && fault <= again))
          unexplained.push(`${key} called again at +${again - before} ms with no crash in between`);
      }
    }
    console.log(
      `[crash] ${EXECUTIONS} executions, ${effects.hits.length} calls, ${repeated} repeated across a crash; faults at ${faults.map((f) => new Date(f).toISOString()).join(', ')}`,
    );
    expect(unexplained).toEqual([]);
  }, 300_000);
});
