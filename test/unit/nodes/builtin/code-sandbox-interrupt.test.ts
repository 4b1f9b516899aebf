import { describe, expect, it } from 'vitest';
import { runInSandbox, type SandboxRequest } from '../../../../src/nodes/builtin/code/run-in-sandbox.js';
import { sandboxInstance, sandboxInstanceStats } from '../../../../src/nodes/builtin/code/sandbox-instance.js';

const MEMORY = 32 * 1024 * 1024;

/** A clock that moves one millisecond each time it is read: the deadline falls at an exact, repeatable point. */
function steppingClock(): () => number {
  let ms = 0;
  return () => ms++;
}

async function runWithDeadline(code: string, timeoutMs: number): Promise<ReturnType<typeof runInSandbox>> {
  const request: SandboxRequest = {
    code,
    inputJson: '[]',
    contextJson: '{}',
    timeoutMs,
    memoryBytes: MEMORY,
    onConsole: () => undefined,
    now: steppingClock(),
  };
  return runInSandbox(await sandboxInstance(MEMORY), request);
}

// With a wall clock the interrupt falls wherever the machine happens to be when the deadline passes, so
// the abort showed only under CPU load. Stepping the deadline over every interrupt check shows each point.
describe('the sandbox stopped at every point of an asynchronous loop', () => {
  it('answers a timeout for a promise job that keeps queueing itself, wherever the interrupt falls', async () => {
    const spin = 'function run() { const spin = () => Promise.resolve().then(spin); spin(); return new Promise(() => {}); }';
    const discardsBefore = sandboxInstanceStats().discards;
    for (let timeoutMs = 1; timeoutMs <= 40; timeoutMs++) {
      expect(await runWithDeadline(spin, timeoutMs), `deadline after ${timeoutMs} clock reads`).toEqual({ kind: 'timeout' });
    }
    // QuickJS could not free these runtimes (its assertion on leaked objects): their instances were dropped.
    expect(sandboxInstanceStats().discards).toBeGreaterThan(discardsBefore);
    expect(sandboxInstanceStats().liveRuntimes).toBe(0);
    expect(await runWithDeadline('function run(items) { return items.length; }', 1000)).toEqual({ kind: 'ok', value: 0 });
  });

  it('answers a timeout for an awaiting loop, wherever the interrupt falls', async () => {
    for (let timeoutMs = 1; timeoutMs <= 40; timeoutMs++) {
      expect(await runWithDeadline('async function run() { for (;;) { await null; } }', timeoutMs)).toEqual({ kind: 'timeout' });
    }
  });
});
