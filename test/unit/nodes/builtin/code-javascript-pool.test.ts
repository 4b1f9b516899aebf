import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { crashEnd, type WorkerDeadlines } from '../../../../src/nodes/builtin/code/pooled-worker.js';
import { SandboxPool } from '../../../../src/nodes/builtin/code/sandbox-pool.js';
import type { SandboxJob } from '../../../../src/nodes/builtin/code/sandbox-protocol.js';
import { launchSandboxWorker } from '../../../../src/nodes/builtin/code/worker-launch.js';

// A stand-in worker speaking the sandbox protocol, for what a real sandbox never does on its own:
// it never starts ('silent'), hangs after starting ('hang'), fails ('fail'), exits ('exit') or throws
// ('throw'); any other code is answered with itself as the value.
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (message.type !== 'run') return;
  const { id, job } = message;
  if (job.code === 'silent') return;
  parentPort.postMessage({ type: 'started', id });
  parentPort.postMessage({ type: 'log', id, record: { level: 'debug', message: 'from ' + job.code, fields: job.logFields } });
  if (job.code === 'hang') for (;;) {}
  if (job.code === 'fail') return parentPort.postMessage({ type: 'failed', id, message: 'sandbox fault' });
  if (job.code === 'exit') process.exit(3);
  if (job.code === 'throw') throw new Error('worker bug');
  parentPort.postMessage({ type: 'result', id, result: { kind: 'ok', value: job.code } });
});`;

const SLOW_START: WorkerDeadlines = { startMs: 60_000, graceMs: 60_000 };

function job(code: string, timeoutMs = 1000): SandboxJob {
  return { code, inputJson: '{}', contextJson: '{}', timeoutMs, memoryBytes: 8 * 1024 * 1024, logFields: { node: 'n' } };
}

const pools: SandboxPool[] = [];

function fakePool(deadlines: WorkerDeadlines, size = 1): SandboxPool {
  const pool = new SandboxPool({ size, launch: () => new Worker(FAKE_WORKER, { eval: true }), deadlines });
  pools.push(pool);
  return pool;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe('sandbox pool deadlines', () => {
  it('terminates a worker that does not answer within the timeout plus the grace, reports a timeout, and replaces it', async () => {
    const pool = fakePool({ startMs: 60_000, graceMs: 20 });
    expect(await pool.run(job('hang', 10), () => {})).toEqual({ kind: 'result', result: { kind: 'timeout' } });
    expect(pool.state()).toMatchObject({ workers: 0, busy: 0, lost: 1 });
    expect(await pool.run(job('after'), () => {})).toEqual({ kind: 'result', result: { kind: 'ok', value: 'after' } });
    expect(pool.state()).toMatchObject({ workers: 1, lost: 1 });
  });

  it('fails a run whose worker never starts it', async () => {
    const pool = fakePool({ startMs: 100, graceMs: 60_000 });
    const end = await pool.run(job('silent'), () => {});
    expect(end.kind === 'failed' && end.error.message).toBe('code sandbox worker did not start the run within 100 ms');
    expect(pool.state()).toMatchObject({ workers: 0, lost: 1 });
  });
});

describe('sandbox pool failures', () => {
  it('passes a sandbox fault on as a failure and keeps the worker', async () => {
    const pool = fakePool(SLOW_START);
    const end = await pool.run(job('fail'), () => {});
    expect(end.kind === 'failed' && end.error.message).toBe('sandbox fault');
    expect(pool.state()).toMatchObject({ workers: 1, lost: 0 });
  });

  it('fails the run of a worker that exits or throws, and replaces it', async () => {
    const pool = fakePool(SLOW_START);
    const exited = await pool.run(job('exit'), () => {});
    expect(exited.kind === 'failed' && exited.error.message).toBe('code sandbox worker stopped during the run: exit code 3');
    const threw = await pool.run(job('throw'), () => {});
    expect(threw.kind === 'failed' && threw.error.message).toBe('code sandbox worker stopped during the run: worker bug');
    expect(await pool.run(job('after'), () => {})).toEqual({ kind: 'result', result: { kind: 'ok', value: 'after' } });
    expect(pool.state()).toMatchObject({ workers: 1, lost: 2 });
  });

  it('reports a worker that runs out of its heap as the memory limit', async () => {
    const pool = new SandboxPool({ size: 1, launch: () => launchSandboxWorker({ maxOldGenerationSizeMb: 16 }), deadlines: SLOW_START });
    pools.push(pool);
    // 20 MB of text fits the 64 MiB sandbox but not the worker's 16 MiB heap once converted.
    const big = { ...job('function run() { return "x".repeat(2e7); }', 20_000), memoryBytes: 64 * 1024 * 1024 };
    expect(await pool.run(big, () => {})).toEqual({ kind: 'result', result: { kind: 'memory' } });
    expect(await pool.run({ ...big, code: 'function run() { return "fine"; }' }, () => {})).toEqual({ kind: 'result', result: { kind: 'ok', value: 'fine' } });
    expect(pool.state()).toMatchObject({ workers: 1, lost: 1 });
  });

  it('classifies a crash: out of heap is the memory limit, anything else a fault', () => {
    const oom = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(crashEnd(oom, 1)).toEqual({ kind: 'result', result: { kind: 'memory' } });
    const other = crashEnd(new Error('boom'), 1);
    expect(other.kind === 'failed' && other.error.message).toBe('code sandbox worker stopped during the run: boom');
    const silent = crashEnd(null, 7);
    expect(silent.kind === 'failed' && silent.error.message).toBe('code sandbox worker stopped during the run: exit code 7');
  });
});

describe('sandbox pool scheduling', () => {
  it('forwards console records of a run as they come', async () => {
    const pool = fakePool(SLOW_START);
    const records: unknown[] = [];
    await pool.run(job('hello'), (record) => records.push(record));
    expect(records).toEqual([{ level: 'debug', message: 'from hello', fields: { node: 'n' } }]);
  });

  it('queues runs beyond its size and runs them all', async () => {
    const pool = fakePool(SLOW_START, 2);
    const ends = ['a', 'b', 'c', 'd', 'e'].map((code) => pool.run(job(code), () => {}));
    expect(pool.state()).toMatchObject({ threads: 2, workers: 2, busy: 2, queued: 3 });
    expect((await Promise.all(ends)).map((end) => (end.kind === 'result' && end.result.kind === 'ok' ? end.result.value : null))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(pool.state()).toMatchObject({ threads: 2, workers: 2, busy: 0, queued: 0 });
  });

  it('serves queued runs first in first out', async () => {
    const pool = fakePool(SLOW_START, 1);
    const started: string[] = [];
    await Promise.all(['a', 'b', 'c', 'd'].map((code) => pool.run(job(code), () => started.push(code))));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ends idle workers beyond a smaller size', async () => {
    const pool = fakePool(SLOW_START, 3);
    await Promise.all(['a', 'b', 'c'].map((code) => pool.run(job(code), () => {})));
    expect(pool.state().workers).toBe(3);
    pool.resize(1);
    expect(pool.state().workers).toBe(1);
    expect(await pool.run(job('d'), () => {})).toEqual({ kind: 'result', result: { kind: 'ok', value: 'd' } });
  });

  it('closes: fails running and queued runs, terminates every thread, refuses later runs', async () => {
    const pool = fakePool(SLOW_START, 1);
    const running = pool.run(job('hang'), () => {});
    const queued = pool.run(job('later'), () => {});
    await pool.close();
    const [runningEnd, queuedEnd] = await Promise.all([running, queued]);
    expect(runningEnd.kind === 'failed' && runningEnd.error.message).toBe('the code sandbox pool closed during the run');
    expect(queuedEnd.kind === 'failed' && queuedEnd.error.message).toBe('the code sandbox pool is closed');
    expect(pool.state()).toEqual({ threads: 0, workers: 0, busy: 0, running: 0, queued: 0, lost: 0 });
    const after = await pool.run(job('after'), () => {});
    expect(after.kind === 'failed' && after.error.message).toBe('the code sandbox pool is closed');
  });
});
