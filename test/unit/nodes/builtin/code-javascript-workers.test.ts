import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../../../../src/domain/outcome.js';
import { codeJavascriptNode } from '../../../../src/nodes/builtin/code-javascript.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits } from '../../../../src/nodes/kit/node-services.js';
import { closeCodeSandboxPool, codeSandboxPool, codeSandboxPoolState, crashBusyCodeWorkers } from '../../../../src/nodes/builtin/code/shared-sandbox-pool.js';
import { testRunContext } from './run-context.js';

const ENDLESS = 'function run() { while (true) {} }';

function attempt(code: string, timeoutMs: number, options: { input?: number; limits?: Partial<NodeLimits> } = {}): Promise<Outcome> {
  const { context } = testRunContext({ input: { main: { i: options.input ?? 0 } }, limits: options.limits ?? {} });
  return Promise.resolve(codeJavascriptNode.execute({ code, timeout_ms: timeoutMs }, context));
}

function value(outcome: Outcome): unknown {
  return outcome.kind === 'complete' ? outcome.output : outcome;
}

/** Waits until the shared pool reports `count` workers whose script has started. */
async function scriptsRunning(count: number): Promise<void> {
  await vi.waitFor(() => expect(codeSandboxPoolState()?.running).toBe(count), { timeout: 60_000, interval: 2 });
}

afterEach(async () => {
  await closeCodeSandboxPool();
});

describe('code.javascript on worker threads', () => {
  it('keeps the event loop turning while a script spins', async () => {
    const pending = attempt(ENDLESS, 1000);
    await scriptsRunning(1);
    // setImmediate callbacks run only when the event loop turns: count the turns taken while the
    // worker reports the script as running.
    let turnsDuringRun = 0;
    let settled = false;
    void pending.finally(() => {
      settled = true;
    });
    await new Promise<void>((resolve) => {
      const turn = (): void => {
        if (codeSandboxPoolState()?.running === 1) turnsDuringRun++;
        if (settled) resolve();
        else setImmediate(turn);
      };
      setImmediate(turn);
    });
    expect(turnsDuringRun).toBeGreaterThan(0);
    expect(await pending).toEqual({ kind: 'error', error: { code: 'code_timeout', message: 'Code execution timed out after 1000 ms' } });
  });

  it('queues attempts beyond the pool size and completes them all', async () => {
    const code = 'async function run(input) { let sum = 0; for (let i = 0; i < 100000; i++) sum += i; await null; return [input.main.i, sum]; }';
    const pending = Array.from({ length: 7 }, (_, i) => attempt(code, 10_000, { input: i, limits: { codeWorkers: 2 } }));
    expect(codeSandboxPoolState()).toMatchObject({ workers: 2, busy: 2, queued: 5 });
    const outcomes = await Promise.all(pending);
    expect(outcomes.map(value)).toEqual(Array.from({ length: 7 }, (_, i) => [i, 4999950000]));
    expect(codeSandboxPoolState()).toMatchObject({ workers: 2, busy: 0, queued: 0, lost: 0 });
  });

  it('follows the codeWorkers limit', async () => {
    const pending = Array.from({ length: 3 }, (_, i) =>
      attempt('function run(input) { return input.main.i; }', 10_000, { input: i, limits: { codeWorkers: 1 } }),
    );
    expect(codeSandboxPoolState()).toMatchObject({ workers: 1, queued: 2 });
    expect((await Promise.all(pending)).map(value)).toEqual([0, 1, 2]);
  });

  it('replaces a worker killed mid-run: that attempt fails, later ones succeed', async () => {
    const pending = attempt(ENDLESS, 30_000);
    await scriptsRunning(1);
    expect(crashBusyCodeWorkers()).toBe(1);
    await expect(pending).rejects.toThrow(/^code sandbox worker stopped during the run: /);
    expect(codeSandboxPoolState()).toMatchObject({ lost: 1, busy: 0 });
    expect(value(await attempt('function run() { return "after"; }', 10_000))).toBe('after');
    expect(codeSandboxPoolState()).toMatchObject({ workers: 1, lost: 1 });
  });

  it('runs an attempt queued behind a worker that crashes on a replacement', async () => {
    const limits = { codeWorkers: 1 };
    const doomed = attempt(ENDLESS, 30_000, { limits });
    const queued = attempt('function run() { return "queued"; }', 10_000, { limits });
    await scriptsRunning(1);
    crashBusyCodeWorkers();
    await expect(doomed).rejects.toThrow(/^code sandbox worker stopped during the run: /);
    expect(value(await queued)).toBe('queued');
  });

  it('leaves no worker threads after closeCodeSandboxPool, and starts afresh on the next attempt', async () => {
    await Promise.all([attempt('function run() { return 1; }', 10_000), attempt('function run() { return 2; }', 10_000)]);
    const pool = codeSandboxPool({ workers: DEFAULT_NODE_LIMITS.codeWorkers, memoryBytes: DEFAULT_NODE_LIMITS.codeMemoryBytes });
    expect(pool.state().threads).toBe(2);
    await closeCodeSandboxPool();
    expect(pool.state().threads).toBe(0);
    expect(codeSandboxPoolState()).toBeNull();
    expect(value(await attempt('function run() { return 3; }', 10_000))).toBe(3);
    expect(codeSandboxPoolState()).toMatchObject({ threads: 1 });
  });

  it('fails an attempt still running when the pool closes', async () => {
    const failed = expect(attempt(ENDLESS, 30_000)).rejects.toThrow('the code sandbox pool closed during the run');
    await scriptsRunning(1);
    await closeCodeSandboxPool();
    await failed;
  });

  it('does not keep the process alive once its workers are idle', async () => {
    // A separate process runs one attempt and then has nothing left to do: it must exit by itself.
    const root = fileURLToPath(new URL('../../../../test/', import.meta.url));
    const script = [
      "import { codeJavascriptNode } from '../src/nodes/builtin/code-javascript.js';",
      "import { testRunContext } from '../test/unit/nodes/builtin/run-context.js';",
      "const outcome = await codeJavascriptNode.execute({ code: 'function run() { return 42; }', timeout_ms: 10000 }, testRunContext().context);",
      'console.log(JSON.stringify(outcome));',
    ].join('\n');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], { cwd: root, timeout: 60_000 }, (error, out) => {
        if (error) reject(error);
        else resolve(out);
      });
    });
    expect(JSON.parse(stdout.trim())).toEqual({ kind: 'complete', output: 42 });
  });
});
