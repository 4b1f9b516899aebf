import { MongoClient } from 'mongodb';
import type { ExecutionEvent } from '../../src/domain/events.js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import {
  ExecutionWait,
  StartExecutionRequest,
  WatchExecutionRequest,
  type StartExecutionResponse,
  type WatchExecutionResponse,
} from '../../src/gen/prana/v1/execution_service.js';
import { ExecutionStatus } from '../../src/gen/prana/v1/execution.js';
import { HealthCheckRequest } from '../../src/gen/grpc/health/v1/health.js';
import { countingStores } from '../lib/counting-stores.js';
import { closedLoopRate, unary } from '../lib/grpc-load.js';
import { summarise, type Timing } from '../lib/measure.js';
import { chainWorkflow } from '../lib/prana-engine.js';
import type { CaseResult } from '../lib/report.js';
import { startBenchService } from '../lib/service-harness.js';
import { suspendedOnMongoCase } from './memory-store.js';

const CONCURRENCY = 32;

/** Cases 5 to 8: the service over gRPC (start, MongoDB, timers, watchers). */
export async function serviceCases(timing: Timing, wanted: (id: string) => boolean): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  if (wanted('5')) results.push(await startCase(timing, undefined));
  if (wanted('6')) {
    const mongo = await mongoUri();
    try {
      results.push(await startCase(timing, mongo.uri));
    } finally {
      await mongo.stop();
    }
  }
  if (wanted('7')) results.push(await timerCase());
  if (wanted('7b')) {
    const mongo = await mongoUri();
    try {
      results.push(await timerHandoverCase(mongo.uri));
    } finally {
      await mongo.stop();
    }
  }
  if (wanted('7c')) results.push(await scheduleCase(undefined));
  if (wanted('7d')) {
    const mongo = await mongoUri();
    try {
      results.push(await scheduleCase(mongo.uri));
    } finally {
      await mongo.stop();
    }
  }
  if (wanted('8')) results.push(await watchCase());
  if (wanted('10d')) {
    const mongo = await mongoUri();
    try {
      results.push(await suspendedOnMongoCase(mongo.uri));
    } finally {
      await mongo.stop();
    }
  }
  return results;
}

/** A MongoDB to measure against: MONGODB_URI, or the Go-built test server started for the run. */
export async function mongoUri(): Promise<{ uri: string; stop(): Promise<void> }> {
  const given = process.env.MONGODB_URI;
  if (given !== undefined && given !== '') return { uri: given, stop: async () => undefined };
  const lib = (await import(new URL('../../../scripts/mongo-test-server-lib.mjs', import.meta.url).href)) as {
    startServer(options: { log?: (line: string) => void }): Promise<{ uri: string; stop(): Promise<void> }>;
  };
  const server = await lib.startServer({ log: (line) => process.stderr.write(`  ${line}\n`) });
  return { uri: server.uri, stop: () => server.stop() };
}

/**
 * Cases 5 and 6: StartExecution waiting until settled for a 10-node workflow, against an empty
 * unary call (health check) on the same server; both with 32 calls in flight.
 */
async function startCase(timing: Timing, mongodbUri: string | undefined): Promise<CaseResult> {
  const counter = { writes: 0, reads: 0 };
  const bench = await startBenchService(mongodbUri, (stores) => countingStores(stores, counter));
  try {
    const graphId = await bench.compile(chainWorkflow(10, false));
    const request = StartExecutionRequest.fromPartial({ graphId, input: { v: 1 }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED });
    const start = async (): Promise<void> => {
      const response = await new Promise<StartExecutionResponse>((resolve, reject) => {
        bench.executions.startExecution(request, (error, value) => (error === null ? resolve(value) : reject(error)));
      });
      if (response.execution?.status !== ExecutionStatus.EXECUTION_STATUS_COMPLETED) throw new Error(`execution ended ${response.execution?.status}`);
    };
    const check = (): Promise<unknown> => unary(bench.health.check.bind(bench.health), HealthCheckRequest.fromPartial({ service: '' }));
    await closedLoopRate(CONCURRENCY, timing.warmupMs, start);
    await closedLoopRate(CONCURRENCY, timing.warmupMs, check);
    const starts: number[] = [];
    const checks: number[] = [];
    const raw = mongodbUri === undefined ? null : await rawStorePairs(mongodbUri);
    const pairs: number[] = [];
    try {
      if (raw !== null) await closedLoopRate(CONCURRENCY, timing.warmupMs, raw.pair);
      for (let r = 0; r < timing.rounds; r++) {
        checks.push(await closedLoopRate(CONCURRENCY, timing.roundMs, check));
        starts.push(await closedLoopRate(CONCURRENCY, timing.roundMs, start));
        if (raw !== null) pairs.push(await closedLoopRate(CONCURRENCY, timing.roundMs, raw.pair));
      }
    } finally {
      await raw?.close();
    }
    const before = { ...counter };
    const sample = 200;
    for (let i = 0; i < sample; i++) await start();
    const writesPerExecution = (counter.writes - before.writes) / sample;
    const readsPerExecution = (counter.reads - before.reads) / sample;
    const s = summarise(starts);
    const h = summarise(checks);
    const ratio = s.median / h.median;
    if (raw !== null) {
      const p = summarise(pairs);
      return {
        id: '6',
        name: "gRPC StartExecution (wait settled, 10 nodes) on MongoDB (Go-built test server) / the store's own insert+update pairs, same run",
        unit: '×',
        measured: s.median / p.median,
        target: 0.5,
        goal: 'higher',
        rounds: summarise(starts.map((v, i) => v / (pairs[i] as number))),
        extra: {
          'start/s': s.median,
          'insert+update/s': p.median,
          'empty call/s': h.median,
          'writes/exec': writesPerExecution,
          'reads/exec': readsPerExecution,
        },
      };
    }
    return {
      id: mongodbUri === undefined ? '5' : '6',
      name: `gRPC StartExecution (wait settled, 10 nodes) / empty unary call, ${mongodbUri === undefined ? 'memory store' : 'MongoDB (Go-built test server)'}`,
      unit: '×',
      measured: ratio,
      // No target: the client shares the service's process and event loop, which flatters the ratio (case 5x is the measure).
      target: null,
      goal: 'higher',
      rounds: summarise(starts.map((v, i) => v / (checks[i] as number))),
      extra: { 'start/s': s.median, 'empty call/s': h.median, 'writes/exec': writesPerExecution, 'reads/exec': readsPerExecution },
    };
  } finally {
    await bench.stop();
  }
}

/**
 * The store's own rate, for case 6: an insert of a document the size of a stored execution, then an
 * update of it, with the MongoDB driver directly, on the same server and concurrency.
 */
async function rawStorePairs(uri: string): Promise<{ pair(): Promise<void>; close(): Promise<void> }> {
  const client = new MongoClient(uri);
  await client.connect();
  const collection = client.db(`bench_raw_${Date.now()}`).collection<{ _id: string }>('pairs');
  const body = { status: 'running', doc: 'x'.repeat(1500), labels: {}, created_at: Date.now() };
  let n = 0;
  return {
    pair: async () => {
      const id = `p${n++}`;
      await collection.insertOne({ _id: id, ...body });
      await collection.updateOne({ _id: id }, { $set: { status: 'completed', doc: 'y'.repeat(1500) } });
    },
    close: async () => {
      await collection.db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

/** A workflow whose interval wait lasts `$input.main.ms`. */
const TIMER_WORKFLOW: WorkflowDefinition = {
  id: 'timers',
  name: 'timers',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'wait', type: 'wait.wait', params: { mode: 'interval', duration: '{{ $input.main.ms }}', unit: 'ms' } },
    { key: 'done', type: 'data.set_data', params: { mapping_map: { ok: true } } },
  ],
  connections: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'done' },
  ],
};

/** How late each wait fired: its execution_resumed time minus its wake-up time, sorted; waits until all fired. */
async function lateness(bench: Awaited<ReturnType<typeof startBenchService>>, ids: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const id of ids) {
    const execution = await bench.service.app.context.runtime.waitFor(id, (e) => e.status === 'completed');
    const events = await bench.service.app.context.events.read(id, 0, 100);
    const suspended = events.find((e): e is Extract<ExecutionEvent, { type: 'execution_suspended' }> => e.type === 'execution_suspended');
    const resumed = events.find((e) => e.type === 'execution_resumed');
    if (suspended?.wakeAt == null || resumed === undefined || execution.status !== 'completed') throw new Error(`timer execution ${id} did not fire`);
    latencies.push(resumed.time - suspended.wakeAt);
  }
  return latencies.sort((a, b) => a - b);
}

/** A latency case's result from its sorted latencies: the p99 against 100 ms, with p50 and max. */
function latencyResult(id: string, name: string, latencies: readonly number[]): CaseResult {
  return {
    id,
    name,
    unit: 'ms',
    measured: percentile(latencies, 99),
    target: 100,
    goal: 'lower',
    extra: { p50: percentile(latencies, 50), max: latencies.at(-1) as number },
  };
}

/** The URI with the database in its path replaced by `database`. */
function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Case 7: how late 1,000 due waits fire (wait_till to execution_resumed), on an idle server. */
async function timerCase(): Promise<CaseResult> {
  const bench = await startBenchService();
  try {
    const count = 1000;
    const graphId = await bench.compile(TIMER_WORKFLOW);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const { view } = await bench.service.app.startExecution({ graphId, input: { ms: 1000 + Math.floor((i * 1000) / count) }, wait: 'settled' });
      ids.push(view.execution.id);
    }
    const latencies = await lateness(bench, ids);
    return latencyResult('7', 'timer firing latency, 1,000 due waits (p99)', latencies);
  } finally {
    await bench.stop();
  }
}

/**
 * Case 7b: waits recorded by a replica that then stopped, fired by another one on MongoDB: no timer
 * of the second replica was armed when they were written, so they fire through its poller's
 * look-ahead (the path of waits recorded before a restart, or due more than 10 minutes ahead).
 */
async function timerHandoverCase(mongodbUri: string): Promise<CaseResult> {
  // 10 wake-ups a second: well within what the test server writes (each firing is 3 writes and 2 reads,
  // and the server takes about 270 small writes a second); a faster rate measures the server's queue.
  const count = 100;
  const spacingMs = 100;
  const uri = withDatabase(mongodbUri, `bench_timers_${Date.now()}`);
  const first = await startBenchService(uri);
  const ids: string[] = [];
  let graphId: string;
  let base = 0;
  try {
    graphId = await first.compile(TIMER_WORKFLOW);
    base = Date.now() + 4000;
    for (let i = 0; i < count; i++) {
      // The first wait falls due 4 s after the first one was written, after the first replica stopped.
      const ms = base + i * spacingMs - Date.now();
      const { view } = await first.service.app.startExecution({ graphId, input: { ms }, wait: 'settled' });
      ids.push(view.execution.id);
    }
  } finally {
    await first.stop();
  }
  // Otherwise the first replica fired some waits itself and the case would not measure a handover.
  if (Date.now() >= base) throw new Error('case 7b: writing the waits took longer than the 4 s before the first fell due');
  const second = await startBenchService(uri);
  try {
    const latencies = await lateness(second, ids);
    return latencyResult(
      '7b',
      `timer firing latency, ${count} waits (${1000 / spacingMs}/s) recorded by a replica that stopped, fired by another (MongoDB, p99)`,
      latencies,
    );
  } finally {
    await second.stop();
  }
}

/**
 * Cases 7c and 7d: how late schedule ticks start their executions (execution created_at minus the
 * tick's fire time), schedules every 2 s spread over the interval, for 20 s, on an idle server: 50 on
 * the memory store (7c), 10 on MongoDB (7d: 5 ticks a second, each several store round trips, within what
 * the test server takes; more measures its queue).
 */
async function scheduleCase(mongodbUri: string | undefined): Promise<CaseResult> {
  const schedules = mongodbUri === undefined ? 50 : 10;
  const everyMs = 2000;
  const runMs = 20_000;
  const uri = mongodbUri === undefined ? undefined : withDatabase(mongodbUri, `bench_schedules_${Date.now()}`);
  const bench = await startBenchService(uri);
  try {
    const app = bench.service.app;
    const graphId = await bench.compile({ id: 'ticks', name: 'ticks', nodes: [{ key: 'start', type: 'manual.trigger' }], connections: [] });
    for (let i = 0; i < schedules; i++) {
      await app.createSchedule(
        {
          scheduleId: `tick-${i}`,
          spec: { cron: [], intervals: [{ everyMs, offsetMs: Math.floor((i * everyMs) / schedules) }], startAt: null, endAt: null, jitterMs: 0 },
          graphId,
          input: {},
          labels: {},
          overlap: 'allow_all',
          catchupWindowMs: null,
        },
        false,
        '',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, runMs));
    for (let i = 0; i < schedules; i++) await app.pauseSchedule(`tick-${i}`, true, 'measured');
    const latencies: number[] = [];
    for (let i = 0; i < schedules; i++) {
      const page = await app.listExecutions({ statuses: [], labels: { 'prana.schedule': `tick-${i}` }, pageSize: 500, pageToken: '' });
      for (const view of page.views) {
        const input = view.execution.input as { fired_at: string };
        latencies.push(view.execution.createdAt - Date.parse(input.fired_at));
      }
    }
    const expected = (schedules * runMs) / everyMs;
    if (latencies.length < expected * 0.9) throw new Error(`schedule case: ${latencies.length} ticks started, about ${expected} expected`);
    latencies.sort((a, b) => a - b);
    return latencyResult(
      mongodbUri === undefined ? '7c' : '7d',
      `schedule tick lateness, ${latencies.length} ticks of ${schedules} schedules every ${everyMs / 1000} s (${mongodbUri === undefined ? 'memory store' : 'MongoDB'}, p99)`,
      latencies,
    );
  } finally {
    await bench.stop();
  }
}

/** Case 8: events delivered per second to 100 concurrent WatchExecution streams of one busy execution. */
async function watchCase(): Promise<CaseResult> {
  const bench = await startBenchService();
  try {
    const iterations = 500;
    const definition: WorkflowDefinition = {
      id: 'watched',
      name: 'watched',
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'gate', type: 'wait.wait', params: { mode: 'webhook' } },
        { key: 'step', type: 'workflow.set_state', params: { n: '{{ ($execution.state.n || 0) + 1 }}' } },
        { key: 'more', type: 'logic.if_condition', params: { condition: `{{ $execution.state.n < ${iterations} }}` } },
        { key: 'done', type: 'data.set_data', params: { mapping_map: '{{ $execution.state }}' } },
      ],
      connections: [
        { from: 'start', to: 'gate' },
        { from: 'gate', to: 'step' },
        { from: 'step', to: 'more' },
        { from: 'more', fromPort: 'true', to: 'step' },
        { from: 'more', fromPort: 'false', to: 'done' },
      ],
    };
    const graphId = await bench.compile(definition);
    const { view } = await bench.service.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const id = view.execution.id;
    const watchers = 100;
    let delivered = 0;
    const streams = Array.from(
      { length: watchers },
      () =>
        new Promise<void>((resolve, reject) => {
          const call = bench.executions.watchExecution(WatchExecutionRequest.fromPartial({ executionId: id, afterSeq: '0' }));
          call.on('data', (_message: WatchExecutionResponse) => {
            delivered++;
          });
          call.on('end', () => resolve());
          call.on('error', reject);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = delivered;
    const t0 = performance.now();
    await bench.service.app.resume({ target: { kind: 'node', executionId: id, nodeKey: 'gate' }, data: {}, wait: 'none' });
    await Promise.all(streams);
    const seconds = (performance.now() - t0) / 1000;
    const liveEvents = delivered - before;
    return {
      id: '8',
      name: `WatchExecution: ${watchers} concurrent watchers of one execution (${Math.round(liveEvents / watchers)} live events each)`,
      unit: 'events/s',
      measured: liveEvents / seconds,
      target: null,
      goal: 'higher',
      extra: { 'per watcher/s': liveEvents / seconds / watchers },
    };
  } finally {
    await bench.stop();
  }
}
