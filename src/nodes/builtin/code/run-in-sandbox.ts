import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { Json } from '../../../domain/json.js';
import { countRuntime, discardSandboxInstance, type SandboxInstance } from './sandbox-instance.js';
import { SANDBOX_PRELUDE } from './sandbox-prelude.js';
import { wasm } from './wasm-api.js';

/**
 * QuickJS's own stack limit. WASM frames run on the host's native stack, and some QuickJS paths
 * (JSON.stringify, the parser) use several times more host stack than the limit they check, so it is
 * kept small: about 370 frames of plain recursion. A host stack overflow that still happens is
 * caught, reported as a stack overflow, and the instance is discarded.
 */
export const SANDBOX_STACK_BYTES = 64 * 1024;

/**
 * The smallest memory limit a sandbox gets. QuickJS faults inside WASM (instead of throwing) when its
 * own start-up allocations fail against its limit, so lower settings are raised to this.
 */
export const MIN_SANDBOX_MEMORY_BYTES = 1024 * 1024;

/** The memory limit a sandbox actually runs with for a configured limit. */
export function effectiveMemoryLimit(configured: number): number {
  return Math.max(configured, MIN_SANDBOX_MEMORY_BYTES);
}

/** One script to run: the code, its arguments as JSON text, and its limits. */
export interface SandboxRequest {
  readonly code: string;
  readonly inputJson: string;
  readonly contextJson: string;
  readonly timeoutMs: number;
  readonly memoryBytes: number;
  /** Receives each console call: the method name and the formatted text. Must not throw. */
  readonly onConsole: (method: string, text: string) => void;
  /** The clock the deadline is measured on, in milliseconds; `performance.now` unless a test drives it. */
  readonly now?: () => number;
}

/** How a sandbox run ended. */
export type SandboxResult =
  | { readonly kind: 'ok'; readonly value: Json }
  | { readonly kind: 'thrown'; readonly name: string; readonly message: string; readonly stack: string }
  | { readonly kind: 'no_run' }
  | { readonly kind: 'not_json'; readonly reason: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'memory' };

/** The host stack overflowed inside WASM: the sandbox's stack limit was not reached first. */
const HOST_STACK_OVERFLOW: SandboxResult = { kind: 'thrown', name: 'InternalError', message: 'stack overflow', stack: '' };

// Sizes kept from a thrown error: its parts end up in stored node errors.
const MAX_NAME_CHARS = 200;
const MAX_TEXT_CHARS = 16 * 1024;

/** Drops the frames of the host's own prelude (and the native call into it) from a stack trace. */
function userStack(stack: string): string {
  const lines = stack.split('\n');
  const first = lines.findIndex((line) => line.includes('(prana:'));
  if (first < 0) return stack;
  const kept = lines.slice(0, first);
  if (kept.length > 0 && /^\s*at apply \(native\)$/.test(kept[kept.length - 1] as string)) kept.pop();
  return kept.length === 0 ? '' : `${kept.join('\n')}\n`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** Thrown inside a run to stop it with a result; never escapes runInSandbox. */
class Stop {
  constructor(readonly result: SandboxResult) {}
}

/** One attempt's VM: a fresh runtime and context, their limits, and every handle to dispose. */
class Attempt {
  private readonly handles: QuickJSHandle[] = [];
  private timedOut = false;
  readonly vm: QuickJSContext;

  constructor(
    readonly runtime: QuickJSRuntime,
    timeoutMs: number,
    memoryBytes: number,
    now: () => number,
  ) {
    runtime.setMemoryLimit(effectiveMemoryLimit(memoryBytes));
    runtime.setMaxStackSize(SANDBOX_STACK_BYTES);
    const deadline = now() + timeoutMs;
    // Once past the deadline every later check interrupts too, so nothing more runs.
    runtime.setInterruptHandler(() => {
      if (!this.timedOut && now() >= deadline) this.timedOut = true;
      return this.timedOut;
    });
    this.vm = runtime.newContext();
  }

  /** Keeps a handle for disposal at the end of the attempt. */
  keep(handle: QuickJSHandle): QuickJSHandle {
    this.handles.push(handle);
    return handle;
  }

  /** Disposes handles, context and runtime, newest first. */
  dispose(): void {
    for (let i = this.handles.length - 1; i >= 0; i--) {
      const handle = this.handles[i] as QuickJSHandle;
      if (handle.alive) handle.dispose();
    }
    this.vm.dispose();
    this.runtime.dispose();
  }

  /** Stops with a timeout when the deadline has passed. */
  checkDeadline(): void {
    if (this.timedOut) throw new Stop({ kind: 'timeout' });
  }

  /** Unwraps a call result, turning a thrown value into the run's result. */
  value(result: { error?: QuickJSHandle; value?: QuickJSHandle }, describe: QuickJSHandle | null): QuickJSHandle {
    if (result.error !== undefined) throw new Stop(this.classify(this.keep(result.error), describe));
    return this.keep(result.value as QuickJSHandle);
  }

  /** Why a thrown value ended the run: deadline, memory limit, or an error of the code. */
  classify(thrown: QuickJSHandle, describe: QuickJSHandle | null): SandboxResult {
    if (this.timedOut) return { kind: 'timeout' };
    // QuickJS throws null when it cannot even allocate the "out of memory" error.
    if (this.vm.sameValue(thrown, this.vm.null)) return { kind: 'memory' };
    // The prelude is the host's own code: it only fails when the limits leave it no room.
    if (describe === null) return { kind: 'memory' };
    const described = this.vm.callFunction(describe, this.vm.undefined, thrown);
    if (described.error !== undefined) {
      this.keep(described.error);
      return this.timedOut ? { kind: 'timeout' } : { kind: 'memory' };
    }
    const parts = this.keep(described.value);
    const name = this.text(parts, 0);
    const message = this.text(parts, 1);
    if (name === 'InternalError' && message === 'out of memory') return { kind: 'memory' };
    return {
      kind: 'thrown',
      name: clip(name, MAX_NAME_CHARS),
      message: clip(message, MAX_TEXT_CHARS),
      stack: clip(userStack(this.text(parts, 2)), MAX_TEXT_CHARS),
    };
  }

  private text(array: QuickJSHandle, index: number): string {
    const item = this.keep(this.vm.getProp(array, index));
    return this.vm.typeof(item) === 'string' ? this.vm.getString(item) : '';
  }
}

function consoleFunction(attempt: Attempt, onConsole: SandboxRequest['onConsole']): QuickJSHandle {
  const { vm } = attempt;
  return attempt.keep(
    vm.newFunction('hostLog', (method, text) => {
      if (vm.typeof(method) === 'string' && vm.typeof(text) === 'string') onConsole(vm.getString(method), vm.getString(text));
    }),
  );
}

/** Settles a promise by running the VM's job queue; the interrupt handler bounds the time spent. */
function settle(attempt: Attempt, promise: QuickJSHandle, describe: QuickJSHandle): QuickJSHandle {
  const { vm, runtime } = attempt;
  for (;;) {
    const state = vm.getPromiseState(promise);
    if (state.type === 'fulfilled') return state.notAPromise === true ? promise : attempt.keep(state.value);
    if (state.type === 'rejected') throw new Stop(attempt.classify(attempt.keep(state.error), describe));
    // Pending with an empty queue: nothing inside the sandbox (no timers, no IO) can ever settle it,
    // so waiting out the deadline would change nothing but the wall time.
    if (!runtime.hasPendingJob()) throw new Stop({ kind: 'timeout' });
    const ran = runtime.executePendingJobs();
    if (ran.error !== undefined) throw new Stop(attempt.classify(attempt.keep(ran.error), describe));
    attempt.checkDeadline();
  }
}

function runSteps(attempt: Attempt, request: SandboxRequest): SandboxResult {
  const { vm } = attempt;
  const factory = attempt.value(vm.evalCode(SANDBOX_PRELUDE, 'prana:prelude.js', { type: 'global', strict: true }), null);
  const helpers = attempt.value(vm.callFunction(factory, vm.undefined, consoleFunction(attempt, request.onConsole)), null);
  const invoke = attempt.keep(vm.getProp(helpers, 'invoke'));
  const convert = attempt.keep(vm.getProp(helpers, 'convert'));
  const describe = attempt.keep(vm.getProp(helpers, 'describe'));

  attempt.value(vm.evalCode(request.code, 'code.js', { type: 'global' }), describe);
  const run = attempt.value(vm.evalCode('typeof run === "function" ? run : void 0', 'prana:lookup.js', { type: 'global' }), describe);
  if (vm.typeof(run) !== 'function') return { kind: 'no_run' };

  const args = [attempt.keep(vm.newString(request.inputJson)), attempt.keep(vm.newString(request.contextJson))];
  const returned = settle(attempt, attempt.value(vm.callFunction(invoke, vm.undefined, run, ...args), describe), describe);
  const converted = attempt.value(vm.callFunction(convert, vm.undefined, returned), describe);
  attempt.checkDeadline();
  if (vm.typeof(converted) !== 'string') {
    const reason = attempt.keep(vm.getProp(converted, 'reason'));
    return { kind: 'not_json', reason: vm.typeof(reason) === 'string' ? clip(vm.getString(reason), MAX_TEXT_CHARS) : 'unknown' };
  }
  try {
    return { kind: 'ok', value: JSON.parse(vm.getString(converted)) as Json };
  } catch {
    // Only code that rewired the sandbox's own built-ins can make the conversion write bad text.
    return { kind: 'not_json', reason: 'the converted value is not valid JSON' };
  }
}

/**
 * Runs `request.code` in a fresh QuickJS runtime and context of `instance`, calls its `run(input, ctx)`
 * and converts the result to JSON, all within the time and memory limits. Synchronous: it blocks its
 * thread (a sandbox worker's, see sandbox-worker.ts) for at most the timeout. Handles, context and runtime are always disposed; after a fault
 * inside WASM they are abandoned with the whole instance instead (see discardSandboxInstance).
 */
export function runInSandbox(instance: SandboxInstance, request: SandboxRequest): SandboxResult {
  const runtime = instance.module.newRuntime();
  countRuntime(1);
  let attempt: Attempt | null = null;
  let result: SandboxResult;
  try {
    attempt = new Attempt(runtime, request.timeoutMs, request.memoryBytes, request.now ?? (() => performance.now()));
    result = runSteps(attempt, request);
    attempt.checkDeadline();
  } catch (error) {
    if (error instanceof Stop) result = error.result;
    else {
      // A fault inside WASM: nothing may run on this instance again, disposal included.
      countRuntime(-1);
      discardSandboxInstance(instance);
      if (error instanceof RangeError) return HOST_STACK_OVERFLOW;
      // QuickJS's C glue does not check every allocation: a trap with the memory at its cap is the
      // memory limit.
      if (error instanceof wasm.RuntimeError) {
        if (instance.memory.buffer.byteLength >= instance.maxBytes) return { kind: 'memory' };
        throw new Error(`QuickJS sandbox fault: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  try {
    if (attempt !== null) attempt.dispose();
    else runtime.dispose();
  } catch {
    // Freeing the runtime failed inside WASM. The known case: QuickJS leaks a reference when the
    // interrupt stops a promise job whose handler keeps queueing jobs (`Promise.resolve().then(spin)`),
    // and JS_FreeRuntime then aborts on its assertion that every object is gone. The run's result was
    // complete and copied out before this point, and nothing runs on the instance again: its whole
    // memory is dropped with it, so nothing leaks and the result stands.
    discardSandboxInstance(instance);
  } finally {
    countRuntime(-1);
  }
  return result;
}
