import { describe, expect, it } from 'vitest';
import { codeJavascriptNode } from '../../../../src/nodes/builtin/code-javascript.js';
import type { SandboxInstanceStats } from '../../../../src/nodes/builtin/code/sandbox-instance.js';
import { codeSandboxStats } from '../../../../src/nodes/builtin/code/shared-sandbox-pool.js';
import { testRunContext } from './run-context.js';

// Attempts ending every way a run can end except a WASM fault, which discards the module on purpose.
// Only the endless loop gets a short timeout; the rest must end on their own, whatever the machine speed.
const SCRIPTS: readonly (readonly [string, number])[] = [
  ['function run(input) { return { doubled: input.main.n * 2, text: "x".repeat(1000) }; }', 10_000],
  ['async function run(input) { await null; return [input.main.n]; }', 10_000],
  ['function run() { throw new Error("nope"); }', 10_000],
  ['function run() { return 10n; }', 10_000],
  ['function run() { const a = {}; a.a = a; return a; }', 10_000],
  ['function main() {}', 10_000],
  ['function run( {', 10_000],
  ['function run() { console.log("line"); return null; }', 10_000],
  ['function run() { while (true) {} }', 20],
  ['function run() { return new Promise(() => {}); }', 10_000],
  ['function run() { const buffers = []; for (;;) buffers.push(new Uint8Array(1e6)); }', 10_000],
  ['function run() { const keep = []; for (;;) keep.push([keep.length]); }', 10_000],
  ['function run() { function f() { return f(); } return f(); }', 10_000],
];

/** The sandbox counters of every live worker of the shared pool, summed. */
async function sandboxStats(): Promise<SandboxInstanceStats> {
  const stats = await codeSandboxStats();
  if (stats === null) throw new Error('no sandbox pool');
  return stats;
}

describe('code.javascript sandbox lifecycle', () => {
  it('disposes every runtime and reuses one instance across hundreds of attempts', async () => {
    const attempt = async (i: number): Promise<string> => {
      const { context } = testRunContext({ input: { main: { n: i } }, limits: { codeMemoryBytes: 4 * 1024 * 1024 } });
      const [code, timeoutMs] = SCRIPTS[i % SCRIPTS.length] as readonly [string, number];
      const outcome = await codeJavascriptNode.execute({ code, timeout_ms: timeoutMs }, context);
      return outcome.kind === 'error' ? outcome.error.code : outcome.kind;
    };
    for (let i = 0; i < SCRIPTS.length * 5; i++) await attempt(i);
    const warm = await sandboxStats();
    const seen = new Set<string>();
    for (let i = 0; i < SCRIPTS.length * 30; i++) seen.add(await attempt(i));
    const after = await sandboxStats();

    expect([...seen].sort()).toEqual(['code_error', 'code_memory_limit', 'code_timeout', 'complete']);
    expect(after.liveRuntimes).toBe(0);
    expect(after.compiles).toBe(1);
    expect(after.instances).toBe(1);
    expect(after.discards).toBe(0);
    // The instance's memory is capped at its 16 MiB base plus the limit, whatever the scripts did.
    expect(warm.memories).toEqual([{ limitBytes: 4 * 1024 * 1024, bytes: expect.any(Number) as unknown, maxBytes: 20 * 1024 * 1024 }]);
    expect(after.memories[0]?.bytes).toBeLessThanOrEqual(20 * 1024 * 1024);
  });

  it('runs attempts started together one after another without mixing them up', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        codeJavascriptNode.execute(
          { code: 'async function run(input) { await null; return input.main.i; }', timeout_ms: 1000 },
          testRunContext({ input: { main: { i } } }).context,
        ),
      ),
    );
    expect(outcomes.map((outcome) => (outcome.kind === 'complete' ? outcome.output : null))).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect((await sandboxStats()).liveRuntimes).toBe(0);
  });
});
