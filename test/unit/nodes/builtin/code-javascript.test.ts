import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import { codeJavascriptNode, createCodeJavascriptNode } from '../../../../src/nodes/builtin/code-javascript.js';
import { MAX_CONSOLE_LINES } from '../../../../src/nodes/builtin/code/console-sink.js';
import type { SandboxInstanceStats } from '../../../../src/nodes/builtin/code/sandbox-instance.js';
import { codeSandboxStats } from '../../../../src/nodes/builtin/code/shared-sandbox-pool.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { testRunContext, type RunContextOptions } from './run-context.js';

const MiB = 1024 * 1024;

/** Validates params as the engine does, then executes. */
async function run(code: string, options: RunContextOptions & { timeoutMs?: number } = {}): Promise<Outcome> {
  const params: JsonObject = options.timeoutMs === undefined ? { code } : { code, timeout_ms: options.timeoutMs };
  const validated = validateParams(codeJavascriptNode.schema, params);
  if (!validated.ok) throw new Error(`invalid params: ${JSON.stringify(validated.errors)}`);
  return codeJavascriptNode.execute(validated.value, testRunContext(options).context);
}

function output(outcome: Outcome): Json {
  if (outcome.kind !== 'complete') throw new Error(`expected a completion, got ${JSON.stringify(outcome)}`);
  expect(outcome.port).toBeUndefined();
  return outcome.output;
}

function errorOf(outcome: Outcome): { code: string; message: string; details?: JsonObject } {
  if (outcome.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

/** The sandbox counters of every live worker of the shared pool, summed. */
async function sandboxStats(): Promise<SandboxInstanceStats> {
  const stats = await codeSandboxStats();
  if (stats === null) throw new Error('no sandbox pool');
  return stats;
}

const TIMEOUT_50 = { code: 'code_timeout', message: 'Code execution timed out after 50 ms' };

describe('code.javascript node type', () => {
  it('is a pure main → main action whose code is raw', () => {
    expect(codeJavascriptNode.type).toBe('code.javascript');
    expect(codeJavascriptNode.inputPorts).toEqual(['main']);
    expect(codeJavascriptNode.outputPorts).toEqual(['main']);
    expect(codeJavascriptNode.defaultPort).toBe('main');
    expect(codeJavascriptNode.sideEffects).toBe(false);
    expect([...codeJavascriptNode.rawParams]).toEqual(['code']);
  });

  it('requires code and defaults timeout_ms to 1000, at most 30000', () => {
    const validate = (params: JsonObject) => validateParams(codeJavascriptNode.schema, params);
    expect(validate({})).toEqual({ ok: false, errors: { 'params.code': ['is required'] } });
    expect(validate({ code: 'function run() {}' })).toEqual({ ok: true, value: { code: 'function run() {}', timeout_ms: 1000 } });
    expect(validate({ code: 'x', timeout_ms: 0 })).toEqual({ ok: false, errors: { 'params.timeout_ms': ['must be at least 1'] } });
    expect(validate({ code: 'x', timeout_ms: 30001 })).toEqual({ ok: false, errors: { 'params.timeout_ms': ['must be at most 30000'] } });
  });

  it('takes its timeout default and maximum from the service limits', () => {
    const node = createCodeJavascriptNode({ codeDefaultTimeoutMs: 250, codeMaxTimeoutMs: 5000 });
    expect(validateParams(node.schema, { code: 'x' })).toEqual({ ok: true, value: { code: 'x', timeout_ms: 250 } });
    expect(validateParams(node.schema, { code: 'x', timeout_ms: 5001 })).toEqual({ ok: false, errors: { 'params.timeout_ms': ['must be at most 5000'] } });
  });

  it('refuses at run time a timeout above the running service maximum', async () => {
    const outcome = await run('function run() { return 1 }', { timeoutMs: 20000, limits: { codeMaxTimeoutMs: 10000 } });
    expect(errorOf(outcome)).toEqual({
      code: 'invalid_params',
      message: 'Parameter validation failed',
      details: { errors: { 'params.timeout_ms': ['must be at most 10000'] } },
    });
  });
});

describe('code.javascript compile check 13', () => {
  const check = (code: Json) => codeJavascriptNode.compileChecks?.({ code }, new Set());

  it('accepts code that parses as a script', () => {
    expect(check('function run(input) {\n  return input?.main ?? null;\n}')).toEqual({ fieldErrors: {}, findings: [] });
    expect(check('const run = async () => { for await (const x of []) {} return 1n ** 2n; };')).toEqual({ fieldErrors: {}, findings: [] });
  });

  it('reports a syntax error with its line and column', () => {
    expect(check('function run() {\n  return 1 +;\n}')).toEqual({
      fieldErrors: {},
      findings: [
        { code: 'code_syntax_error', severity: 'error', paramPath: 'params.code', message: 'JavaScript syntax error at line 2, column 13: Unexpected token' },
      ],
    });
  });

  it('rejects module syntax and top-level await, which scripts cannot hold', () => {
    for (const code of ['import fs from "fs";\nfunction run() {}', 'export function run() {}', 'await 1;\nfunction run() {}', 'return 1']) {
      expect(check(code)?.findings.map((finding) => finding.code)).toEqual(['code_syntax_error']);
    }
  });

  it('reports absurdly nested code instead of overflowing the stack', () => {
    const findings = check(`function run() { return ${'('.repeat(100_000)}1${')'.repeat(100_000)}; }`)?.findings ?? [];
    expect(findings.map((finding) => finding.code)).toEqual(['code_syntax_error']);
  });

  it('leaves a non-string code to the schema', () => {
    expect(check(42)).toEqual({ fieldErrors: {}, findings: [] });
  });
});

describe('code.javascript results', () => {
  it('calls run with deep copies of the input and the context', async () => {
    const input = { main: { items: [1, 2], name: 'a' } };
    const snapshot = { vars: { region: 'eu' }, env: { stage: 'test' }, nodes: { start: { output: { x: 1 } } } };
    const code = `function run(input, ctx) {
      const seen = JSON.parse(JSON.stringify({ input, ctx }));
      input.main.items.push(3);
      ctx.vars.region = 'changed';
      return seen;
    }`;
    const { context } = testRunContext({ input, snapshot });
    const validated = validateParams(codeJavascriptNode.schema, { code });
    const outcome = await codeJavascriptNode.execute(validated.ok ? validated.value : {}, context);
    expect(output(outcome)).toEqual({
      input,
      ctx: {
        nodes: snapshot.nodes,
        vars: snapshot.vars,
        env: snapshot.env,
        execution: { id: 'exec-1', state: {}, attempt: 0 },
        workflow: { id: 'wf-1', version: 1 },
        now: '2025-01-31T12:00:00.000Z',
      },
    });
    expect(input.main.items).toEqual([1, 2]);
    expect(context.snapshot().vars).toEqual({ region: 'eu' });
  });

  it('accepts run declared with const, let or var', async () => {
    expect(output(await run('const run = (input) => input.main.n * 2;', { input: { main: { n: 21 } } }))).toBe(42);
    expect(output(await run('let run = function () { return "let"; };'))).toBe('let');
    expect(output(await run('var run = () => "var";'))).toBe('var');
  });

  it('awaits a promise returned by run', async () => {
    const code = 'async function run() { const a = await Promise.resolve(20); const b = await new Promise((r) => r(22)); return { sum: a + b }; }';
    expect(output(await run(code))).toEqual({ sum: 42 });
  });

  it('awaits a thenable returned by run', async () => {
    expect(output(await run('function run() { return { then(resolve) { resolve("thenable"); } }; }'))).toBe('thenable');
  });

  it('turns a top-level undefined into null', async () => {
    expect(output(await run('function run() {}'))).toBeNull();
    expect(output(await run('async function run() { await null; }'))).toBeNull();
  });

  it('converts the value with JSON semantics', async () => {
    const code = `function run() {
      return {
        kept: 1, dropped: undefined, fn() {}, [Symbol('s')]: 1, sym: Symbol('x'),
        list: [undefined, () => 1, Symbol('y'), NaN, -Infinity, 2],
        date: new Date(0), map: new Map([[1, 2]]), boxed: [new Number(3), new String('s'), new Boolean(false)],
        custom: { toJSON(key) { return 'custom:' + key; } },
        nested: { deeper: { value: -0 } },
      };
    }`;
    expect(output(await run(code))).toEqual({
      kept: 1,
      list: [null, null, null, null, null, 2],
      date: '1970-01-01T00:00:00.000Z',
      map: {},
      boxed: [3, 's', false],
      custom: 'custom:custom',
      nested: { deeper: { value: 0 } },
    });
  });

  it('keeps a __proto__ key as data without polluting the host', async () => {
    const value = output(await run('function run() { return JSON.parse(\'{"__proto__": {"polluted": true}, "a": 1}\'); }')) as JsonObject;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('returns strings with any characters intact', async () => {
    expect(output(await run('function run() { return "quote \\" backslash \\\\ nul \\u0000 emoji 😀 lone \\ud800"; }'))).toBe(
      'quote " backslash \\ nul \u0000 emoji 😀 lone \ud800',
    );
  });
});

describe('code.javascript values that are not JSON-compatible', () => {
  const notJson = (reason: string) => ({ code: 'code_error', message: `run() returned a value that is not JSON-compatible: ${reason}` });

  it('refuses a BigInt anywhere, naming where', async () => {
    expect(errorOf(await run('function run() { return 10n; }'))).toEqual(notJson('a BigInt at $'));
    expect(errorOf(await run('function run() { return { a: [1, { "b-c": 2n }] }; }'))).toEqual(notJson('a BigInt at $.a[1]["b-c"]'));
  });

  it('refuses a circular reference, naming where', async () => {
    expect(errorOf(await run('function run() { const a = { list: [] }; a.list.push(a); return a; }'))).toEqual(notJson('a circular reference at $.list[0]'));
  });

  it('allows the same object twice when it is not its own ancestor', async () => {
    expect(output(await run('function run() { const shared = { x: 1 }; return [shared, { shared }]; }'))).toEqual([{ x: 1 }, { shared: { x: 1 } }]);
  });

  it('refuses a function or a symbol at top level', async () => {
    expect(errorOf(await run('function run() { return () => 1; }'))).toEqual(notJson('a function'));
    expect(errorOf(await run('function run() { return Symbol("s"); }'))).toEqual(notJson('a symbol'));
  });

  it('refuses nesting deeper than the sandbox stack', async () => {
    expect(errorOf(await run('function run() { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a; }'))).toEqual(notJson('nested too deeply'));
  });

  it('reports an error thrown by toJSON as a thrown error', async () => {
    expect(errorOf(await run('function run() { return { toJSON() { throw new RangeError("no json"); } }; }'))).toMatchObject({
      code: 'code_error',
      message: 'RangeError: no json',
    });
  });
});

describe('code.javascript errors', () => {
  it('reports a thrown error with its name, message and stack', async () => {
    const error = errorOf(await run('function run() {\n  throw new TypeError("bad input");\n}'));
    expect(error).toMatchObject({ code: 'code_error', message: 'TypeError: bad input', details: { name: 'TypeError', message: 'bad input' } });
    const stack = error.details?.stack as string;
    expect(stack).toContain('at run (code.js:2');
    expect(stack).not.toContain('prana:');
  });

  it('uses the name of a custom error class', async () => {
    const code =
      'class ValidationError extends Error { constructor(m) { super(m); this.name = "ValidationError"; } }\nfunction run() { throw new ValidationError("missing id"); }';
    expect(errorOf(await run(code))).toMatchObject({ message: 'ValidationError: missing id', details: { name: 'ValidationError', message: 'missing id' } });
  });

  it('reports thrown non-errors as Error with their text', async () => {
    expect(errorOf(await run('function run() { throw "boom"; }'))).toEqual({
      code: 'code_error',
      message: 'Error: boom',
      details: { name: 'Error', message: 'boom', stack: '' },
    });
    expect(errorOf(await run('function run() { throw { message: "plain" }; }'))).toMatchObject({ message: 'Error: plain' });
  });

  it('reports a rejected promise like a thrown error', async () => {
    expect(errorOf(await run('async function run() { await null; throw new SyntaxError("late"); }'))).toMatchObject({
      code: 'code_error',
      message: 'SyntaxError: late',
    });
  });

  it('reports an error thrown while the script itself runs', async () => {
    expect(errorOf(await run('null.x;\nfunction run() {}'))).toMatchObject({ code: 'code_error', details: { name: 'TypeError' } });
  });

  it('reports a script that does not parse', async () => {
    expect(errorOf(await run('function run( {'))).toMatchObject({ code: 'code_error', details: { name: 'SyntaxError' } });
  });

  it('reports a missing run', async () => {
    const missing = { code: 'code_error', message: 'code does not define a function named run' };
    expect(errorOf(await run('function main() { return 1; }'))).toEqual(missing);
    expect(errorOf(await run('var run = 5;'))).toEqual(missing);
    expect(errorOf(await run(''))).toEqual(missing);
  });

  it('reports deep recursion as a stack overflow', async () => {
    expect(errorOf(await run('function run() { function f(n) { return f(n + 1) + 1; } return f(0); }'))).toMatchObject({
      code: 'code_error',
      message: 'InternalError: stack overflow',
    });
  });

  it('lets code catch a stack overflow and go on', async () => {
    const code = 'function run() { let depth = 0; function f() { depth++; f(); } try { f(); } catch (e) { return depth > 100; } }';
    expect(output(await run(code))).toBe(true);
  });
});

describe('code.javascript console', () => {
  it('writes console calls to the service log at debug level', async () => {
    const { context, logs } = testRunContext();
    const code = 'function run() { console.log("hello", 1, { a: [1] }); console.error(new TypeError("bad")); console.warn(); return null; }';
    await codeJavascriptNode.execute({ code, timeout_ms: 1000 }, context);
    expect(logs).toEqual([
      { level: 'debug', message: 'hello 1 {"a":[1]}', fields: { execution_id: 'exec-1', node: 'node', console: 'log' } },
      { level: 'debug', message: 'TypeError: bad', fields: { execution_id: 'exec-1', node: 'node', console: 'error' } },
      { level: 'debug', message: '', fields: { execution_id: 'exec-1', node: 'node', console: 'warn' } },
    ]);
  });

  it('caps the number of console lines per attempt', async () => {
    const { context, logs } = testRunContext();
    await codeJavascriptNode.execute(
      { code: `function run() { for (let i = 0; i < ${MAX_CONSOLE_LINES + 5}; i++) console.log(i); }`, timeout_ms: 5000 },
      context,
    );
    expect(logs).toHaveLength(MAX_CONSOLE_LINES + 1);
    expect(logs.at(-1)?.message).toBe('console output truncated: 5 more line(s) dropped');
  });
});

describe('code.javascript sandbox', () => {
  it('has no host globals: no process, require, module, timers, network or file system', async () => {
    const names = [
      'process',
      'require',
      'module',
      'exports',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'queueMicrotask',
      'fetch',
      'XMLHttpRequest',
      'WebSocket',
      'std',
      'os',
      'Deno',
      'Bun',
      'Buffer',
      '__dirname',
    ];
    const code = `function run() { return ${JSON.stringify(names)}.filter((name) => typeof globalThis[name] !== 'undefined'); }`;
    expect(output(await run(code))).toEqual([]);
  });

  it('has the ECMAScript built-ins', async () => {
    const code =
      'function run() { return [typeof JSON, typeof Math.max, typeof Promise, typeof Map, typeof Proxy, typeof Reflect, typeof Date.now, typeof Intl === "undefined" || typeof Intl === "object"]; }';
    expect(output(await run(code))).toEqual(['object', 'function', 'function', 'function', 'function', 'object', 'function', true]);
  });

  it('cannot reach the host through the constructor chain', async () => {
    expect(output(await run('function run() { return this.constructor.constructor("return typeof process")(); }'))).toBe('undefined');
    expect(errorOf(await run('function run() { return (function () {}).constructor("return process")(); }'))).toMatchObject({
      code: 'code_error',
      details: { name: 'ReferenceError' },
    });
    expect(output(await run('function run() { const g = Function("return this")(); return [g === globalThis, typeof g.process]; }'))).toEqual([
      true,
      'undefined',
    ]);
  });

  it('cannot require or import modules', async () => {
    expect(errorOf(await run('function run() { return require("fs"); }'))).toMatchObject({ code: 'code_error', details: { name: 'ReferenceError' } });
    expect(errorOf(await run('async function run() { return await import("fs"); }'))).toMatchObject({ code: 'code_error' });
    expect(errorOf(await run('function run() { return import("node:child_process"); }'))).toMatchObject({ code: 'code_error' });
  });

  it('keeps prototype pollution inside the attempt', async () => {
    const polluter =
      'Object.prototype.polluted = "yes"; Array.prototype.extra = 1; globalThis.leak = 1; JSON.stringify = () => "hijacked";\nfunction run() { return { list: [1] }; }';
    expect(output(await run(polluter))).toEqual({ list: [1] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).extra).toBeUndefined();
    const probe = 'function run() { return [typeof globalThis.leak, ({}).polluted === undefined, JSON.stringify({ a: 1 })]; }';
    expect(output(await run(probe))).toEqual(['undefined', true, '{"a":1}']);
  });

  it('stops an infinite loop at the deadline', async () => {
    expect(errorOf(await run('function run() { while (true) {} }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
  });

  it('stops a loop that tries to catch the interruption', async () => {
    expect(errorOf(await run('function run() { for (;;) { try { for (;;) {} } catch (e) {} } }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
  });

  it('stops an infinite loop at top level or in toJSON', async () => {
    expect(errorOf(await run('for (;;) {}\nfunction run() {}', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
    expect(errorOf(await run('function run() { return { toJSON() { for (;;) {} } }; }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
  });

  it('stops an infinite asynchronous loop', async () => {
    expect(errorOf(await run('async function run() { for (;;) { await null; } }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
    expect(
      errorOf(await run('function run() { const spin = () => Promise.resolve().then(spin); spin(); return new Promise(() => {}); }', { timeoutMs: 50 })),
    ).toEqual(TIMEOUT_50);
  });

  it('reports a promise that can never settle as a timeout', async () => {
    expect(errorOf(await run('function run() { return new Promise(() => {}); }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
  });

  it('stops a catastrophic regular expression', async () => {
    expect(errorOf(await run('function run() { return /^(a+)+$/.test("a".repeat(40) + "b"); }', { timeoutMs: 50 }))).toEqual(TIMEOUT_50);
  });

  it('stops memory bombs at the memory limit', async () => {
    const limits = { codeMemoryBytes: 8 * MiB };
    const expected = { code: 'code_memory_limit', message: 'Code execution exceeded the memory limit of 8 MiB' };
    const bombs = [
      'function run() { const a = []; for (;;) a.push([a.length]); }',
      'function run() { const m = new Map(); for (let i = 0; ; i++) m.set(i, { i }); }',
      'function run() { return new Array(1e9).fill(0); }',
      'function run() { return "x".repeat(2 ** 28); }',
      'function run() { return new ArrayBuffer(2 ** 30); }',
      'const kept = [];\nfunction run() { for (;;) kept.push("k" + kept.length); }',
      'function run() { const buffers = []; for (;;) buffers.push(new Uint8Array(1e6)); }',
      'function run() { const buffers = []; for (;;) buffers.push(new ArrayBuffer(65536)); }',
    ];
    for (const code of bombs) expect(errorOf(await run(code, { limits, timeoutMs: 20000 }))).toEqual(expected);
    // The sandbox's WASM memory stays within its 16 MiB base plus the limit.
    const memory = (await sandboxStats()).memories.find((entry) => entry.limitBytes === 8 * MiB);
    expect(memory?.bytes).toBeLessThanOrEqual(24 * MiB);
  });

  it('writes a fractional memory limit in MiB', async () => {
    const outcome = await run('function run() { return new Array(1e8).fill(1); }', { limits: { codeMemoryBytes: 6.5 * MiB }, timeoutMs: 20000 });
    expect(errorOf(outcome)).toEqual({ code: 'code_memory_limit', message: 'Code execution exceeded the memory limit of 6.5 MiB' });
  });

  it('raises a memory limit below 1 MiB to 1 MiB, which QuickJS needs to start', async () => {
    const limits = { codeMemoryBytes: 1024 };
    expect(output(await run('function run() { return [1, 2, 3].map((x) => ({ x })); }', { limits }))).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(errorOf(await run('function run() { return new Array(1e8).fill(0); }', { limits }))).toEqual({
      code: 'code_memory_limit',
      message: 'Code execution exceeded the memory limit of 1 MiB',
    });
  });

  it('counts the input against the memory limit', async () => {
    const outcome = await run('function run(input) { return 1; }', { input: { main: { big: 'x'.repeat(3 * MiB) } }, limits: { codeMemoryBytes: 2 * MiB } });
    expect(errorOf(outcome).code).toBe('code_memory_limit');
  });

  it('survives code that overflows the host stack inside WASM, and runs the next attempt', async () => {
    const before = await sandboxStats();
    const outcome = await run('function run() { return eval("(".repeat(100000) + "1" + ")".repeat(100000)); }');
    expect(errorOf(outcome)).toMatchObject({ code: 'code_error', message: expect.stringMatching(/stack overflow$/) as unknown });
    expect(output(await run('function run() { return "still alive"; }'))).toBe('still alive');
    expect((await sandboxStats()).liveRuntimes).toBe(before.liveRuntimes);
  });

  it('rejects with the reason of an already aborted context signal', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(run('function run() { return 1; }', { signal: controller.signal })).rejects.toBe(reason);
  });
});
