// Limits and the service's own lifecycle: capacity limits (open streams, waiting calls, waiting
// polls), the request message size limit, call deadlines, a draining server, and a store that stops
// answering.
import { status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GetExecutionResponse } from '../../../src/gen/prana/v1/execution_service.js';
import type { Outcome } from './support/calls.js';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { describeMongo } from '../../support/mongo.js';
import { api, must, mustFail, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect, readUntil } from './support/calls.js';
import { eventually } from './support/eventually.js';
import { kindOf } from './support/events.js';
import { expectStatus } from './support/expect-status.js';
import { richStatus } from './support/rich-status.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { startTestService, uriWithDatabase, type TestService } from './support/test-service.js';
import { twoWebhooksWorkflow, webhookWorkflow } from './support/workflows.js';

describeEachBackend('capacity and size limits', (backend) => {
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService(backend(), { capacity: { maxOpenStreams: 1, maxWaitingCalls: 1, maxWaitingPolls: 1 }, maxReceiveMessageBytes: 64 * 1024 });
    a = api(t);
    graphId = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  async function suspendedId(): Promise<string> {
    return must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!.id;
  }

  it('refuses a stream over the open-stream limit with RESOURCE_EXHAUSTED limit_exceeded, and admits one again once a stream closes', async () => {
    const id = await suspendedId();
    const first = a.watch(id);
    const firstEnded = new Promise<ServiceError>((resolve) => first.on('error', resolve));
    await new Promise((resolve) => first.once('data', resolve));
    const refused = await collect(a.watch(id));
    expectStatus(refused.error!, { code: status.RESOURCE_EXHAUSTED, reason: 'limit_exceeded', metadata: { limit: '1' } });
    first.cancel();
    expect((await firstEnded).code).toBe(status.CANCELLED);
    await eventually(
      async () =>
        await readUntil(a.watch(id), () => true).then(
          () => true,
          () => false,
        ),
      'a new stream is admitted after the first one closed',
    );
  });

  it('refuses a waiting call over the waiting-call limit; the waiting call itself ends at its deadline', async () => {
    const executionId = `waiting-${backend().name}-${Date.now()}`;
    const waiting = a.start({ graphId, executionId, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }, { deadline: Date.now() + 3000 });
    await eventually(async () => (await a.get({ executionId })).ok, 'the waiting call created its execution');
    const refused = mustFail(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    expectStatus(refused, { code: status.RESOURCE_EXHAUSTED, reason: 'limit_exceeded', metadata: { limit: '1' } });
    // Answering at once is not waiting: still admitted.
    must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_NONE }));
    expect(mustFail(await waiting).code).toBe(status.DEADLINE_EXCEEDED);
  });

  it('refuses a long poll over the waiting-poll limit', async () => {
    const type = `poll-limit-${Date.now()}`;
    const waiting = a.poll({ workerId: 'w', taskTypes: [type], waitMs: '2000' });
    await eventually(async () => !(await a.poll({ workerId: 'w', taskTypes: [type], waitMs: '1' })).ok, 'a second long poll is refused while the first waits');
    expectStatus(mustFail(await a.poll({ workerId: 'w', taskTypes: [type], waitMs: '1' })), {
      code: status.RESOURCE_EXHAUSTED,
      reason: 'limit_exceeded',
      metadata: { limit: '1' },
    });
    expect(must(await a.poll({ workerId: 'w', taskTypes: [type], waitMs: '0' })).tasks).toEqual([]);
    expect(must(await waiting).tasks).toEqual([]);
  });

  it('refuses a request message over the receive limit with RESOURCE_EXHAUSTED from grpc-js', async () => {
    const big = { ...webhookWorkflow('too-big'), variables: { blob: 'x'.repeat(100 * 1024) } };
    const error = mustFail(await a.compile(big));
    expect(error.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(richStatus(error).reason).toBeUndefined();
  });
});

describeEachBackend('deadlines', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
  });
  afterAll(() => t.close());

  it('ends a StartExecution waiting for TERMINAL with DEADLINE_EXCEEDED; the execution carries on and a retry picks it up', async () => {
    const graphId = await a.graphOf(webhookWorkflow());
    const requestId = `deadline-${backend().name}-${Date.now()}`;
    const error = mustFail(await a.start({ graphId, requestId, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }, { deadline: Date.now() + 300 }));
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    const retry = must(await a.start({ graphId, requestId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    expect(retry).toMatchObject({ created: false, execution: { status: ExecutionStatus.EXECUTION_STATUS_SUSPENDED } });
  });

  it('ends a Resume waiting for TERMINAL with DEADLINE_EXCEEDED; the resumption still happened', async () => {
    const graphId = await a.graphOf(twoWebhooksWorkflow());
    const execution = must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!;
    const error = mustFail(
      await a.resume(
        { target: { $case: 'node', value: { executionId: execution.id, nodeKey: 'first' } }, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL },
        { deadline: Date.now() + 300 },
      ),
    );
    expect(error.code).toBe(status.DEADLINE_EXCEEDED);
    const now = must(await a.get({ executionId: execution.id })).execution;
    expect(now).toMatchObject({ status: ExecutionStatus.EXECUTION_STATUS_SUSPENDED, suspension: { nodeKey: 'second' } });
  });
});

describeEachBackend('a draining server', (backend) => {
  it('ends open streams and waiting calls with UNAVAILABLE shutting_down, then stops', async () => {
    const t = await startTestService(backend());
    const a = api(t);
    try {
      const graphId = await a.graphOf(webhookWorkflow());
      const execution = must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!;
      const stream = a.watch(execution.id);
      const watched = collect(stream);
      await new Promise((resolve) => stream.once('data', resolve));
      const waiting = a.resume({ target: { $case: 'node', value: { executionId: execution.id, nodeKey: 'wait' } }, wait: ExecutionWait.EXECUTION_WAIT_NONE });
      must(await waiting);
      const executionId = `drain-${backend().name}-${Date.now()}`;
      const second = must(
        await a.start({ graphId: await a.graphOf(twoWebhooksWorkflow()), executionId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }),
      ).execution!;
      const waitingResume = a.resume({
        target: { $case: 'node', value: { executionId: second.id, nodeKey: 'first' } },
        wait: ExecutionWait.EXECUTION_WAIT_TERMINAL,
      });
      await eventually(async () => suspendedOn(await a.get({ executionId })) === 'second', 'the resume went through and now waits');
      const drainWatch = a.watch(second.id);
      const drained = collect(drainWatch);
      await new Promise((resolve) => drainWatch.once('data', resolve));

      await t.service.stop();
      const ended = await drained;
      expectStatus(ended.error!, { code: status.UNAVAILABLE, reason: 'shutting_down' });
      expectStatus(mustFail(await waitingResume), { code: status.UNAVAILABLE, reason: 'shutting_down' });
      // The first stream had already ended with its execution.
      expect(kindOf((await watched).messages.at(-1)?.event)).toBe('executionCompleted');
    } finally {
      await t.close();
    }
  });
});

describeMongo('a store that stops answering', (mongo) => {
  it('answers UNAVAILABLE store_unavailable while MongoDB cannot be reached', async () => {
    const target = /^mongodb:\/\/([^:/]+):(\d+)/.exec(mongo.uri);
    expect(target).not.toBeNull();
    const proxy = await startTcpProxy(target![1]!, Number(target![2]));
    const t = await startTestService(
      { name: 'mongodb', mongodbUri: uriWithDatabase(`mongodb://127.0.0.1:${proxy.port}/`, mongo.db.databaseName) },
      { mongoServerSelectionTimeoutMs: 300 },
    );
    const a = api(t);
    try {
      must(await a.compile(webhookWorkflow()));
      await proxy.cut();
      const errors: ServiceError[] = [mustFail(await a.get({ executionId: 'any' })), mustFail(await a.compile(webhookWorkflow('not-yet-stored')))];
      for (const error of errors) expectStatus(error, { code: status.UNAVAILABLE, reason: 'store_unavailable' });
    } finally {
      await t.close();
    }
  });
});

/** The node an execution is suspended on, or undefined (also when the call failed). */
function suspendedOn(outcome: Outcome<GetExecutionResponse>): string | undefined {
  return outcome.ok ? outcome.response.execution?.suspension?.nodeKey : undefined;
}
