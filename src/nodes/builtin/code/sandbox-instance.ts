import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import { wasm, type WasmMemory, type WasmModule } from './wasm-api.js';

/**
 * A QuickJS WASM instance with a linear memory of its own, capped at `maxBytes`. QuickJS's own memory
 * limit cannot bound the heap in this build (it counts a fixed 8 bytes per allocation because the
 * allocator reports no usable sizes), so the cap on the WASM memory is what really limits it.
 */
export interface SandboxInstance {
  readonly module: QuickJSWASMModule;
  readonly memory: WasmMemory;
  readonly maxBytes: number;
  /** The memory limit it was made for. */
  readonly limitBytes: number;
}

/** Counters about sandbox instances, for tests and health reporting. */
export interface SandboxInstanceStats {
  /** Times the WASM code was compiled: 1 in a healthy process. */
  readonly compiles: number;
  /** Instances created so far. */
  readonly instances: number;
  /** Instances thrown away after a fault inside WASM. */
  readonly discards: number;
  /** Runtimes created and not yet disposed. */
  readonly liveRuntimes: number;
  /** The cached instances' memory: limit asked for, bytes held now, and the cap. */
  readonly memories: readonly { readonly limitBytes: number; readonly bytes: number; readonly maxBytes: number }[];
}

const PAGE_BYTES = 64 * 1024;
// The module's declared minimum memory (16 MiB): static data, the C stack and the initial heap.
const BASE_PAGES = 256;
// One service uses one limit; tests use a few. Older instances are dropped beyond this.
const MAX_CACHED_INSTANCES = 2;

let compiled: Promise<WasmModule> | null = null;
// Instances by the memory limit they were made for: promised while being created, then current.
const cached = new Map<number, Promise<SandboxInstance>>();
const current = new Map<number, SandboxInstance>();
let compiles = 0;
let instances = 0;
let discards = 0;
let liveRuntimes = 0;

function wasmCode(): Promise<WasmModule> {
  if (compiled === null) {
    compiles++;
    // The .wasm of the variant quickjs-emscripten uses by default, found from that package.
    const fromQuickJs = createRequire(createRequire(import.meta.url).resolve('quickjs-emscripten'));
    const attempt = readFile(fromQuickJs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')).then((bytes) => wasm.compile(bytes));
    compiled = attempt;
    attempt.catch(() => {
      if (compiled === attempt) compiled = null;
    });
  }
  return compiled;
}

/**
 * Emscripten's module option `printErr` (its C stderr; untyped by quickjs-emscripten): QuickJS writes
 * there only when it aborts, and that message also arrives as the thrown RuntimeError.
 */
const QUIET_STDERR = { printErr: () => undefined } as NonNullable<Parameters<typeof newVariant>[1]['emscriptenModule']>;

async function createInstance(memoryBytes: number): Promise<SandboxInstance> {
  const code = await wasmCode();
  const maxPages = BASE_PAGES + Math.ceil(memoryBytes / PAGE_BYTES);
  const memory = new wasm.Memory({ initial: BASE_PAGES, maximum: maxPages });
  const module = await newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, {
      wasmModule: code,
      wasmMemory: memory,
      emscriptenModule: QUIET_STDERR,
    }),
  );
  instances++;
  return { module, memory, maxBytes: maxPages * PAGE_BYTES, limitBytes: memoryBytes };
}

/**
 * The instance for a memory limit: compiled once, instantiated on first use with memory capped at the
 * module's 16 MiB base plus `memoryBytes`, then reused by every run with that limit. Runs are
 * synchronous, so an instance never holds two live runtimes.
 */
export function sandboxInstance(memoryBytes: number): Promise<SandboxInstance> {
  const known = cached.get(memoryBytes);
  if (known !== undefined) return known;
  const created = createInstance(memoryBytes).then(
    (instance) => {
      if (cached.get(memoryBytes) === created) current.set(memoryBytes, instance);
      return instance;
    },
    (error: unknown) => {
      if (cached.get(memoryBytes) === created) cached.delete(memoryBytes);
      throw error;
    },
  );
  cached.set(memoryBytes, created);
  for (const limit of cached.keys()) {
    if (cached.size <= MAX_CACHED_INSTANCES) break;
    cached.delete(limit);
    current.delete(limit);
  }
  return created;
}

/**
 * Forgets an instance after a fault inside WASM (a host stack overflow or a trap): its memory may hold
 * a half-finished operation, so nothing may run on it again. The next run gets a fresh instance.
 */
export function discardSandboxInstance(instance: SandboxInstance): void {
  discards++;
  if (current.get(instance.limitBytes) !== instance) return;
  current.delete(instance.limitBytes);
  cached.delete(instance.limitBytes);
}

/** Records that a runtime was created (+1) or disposed (-1). */
export function countRuntime(delta: 1 | -1): void {
  liveRuntimes += delta;
}

/** The counters right now. */
export function sandboxInstanceStats(): SandboxInstanceStats {
  const memories = [...current.values()].map((instance) => ({
    limitBytes: instance.limitBytes,
    bytes: instance.memory.buffer.byteLength,
    maxBytes: instance.maxBytes,
  }));
  return { compiles, instances, discards, liveRuntimes, memories };
}
