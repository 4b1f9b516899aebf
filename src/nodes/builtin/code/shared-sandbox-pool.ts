import type { SandboxInstanceStats } from './sandbox-instance.js';
import { SandboxPool, type SandboxPoolState } from './sandbox-pool.js';
import type { WorkerDeadlines } from './pooled-worker.js';
import { launchSandboxWorker } from './worker-launch.js';

/** The settings the process-wide pool follows: the service's worker count and sandbox memory limit. */
export interface CodeSandboxSettings {
  readonly workers: number;
  readonly memoryBytes: number;
}

/**
 * Host-side deadlines of `code.javascript` runs: a worker has a minute to start a run (thread start,
 * WASM compile, instance), then its timeout plus two seconds to answer before it is terminated.
 */
export const CODE_WORKER_DEADLINES: WorkerDeadlines = Object.freeze({ startMs: 60_000, graceMs: 2_000 });

const MiB = 1024 * 1024;

/**
 * The V8 heap (old generation, MiB) a worker may use for a sandbox memory limit. The sandbox itself
 * lives in WASM memory outside this heap; the heap holds the run's JSON arguments and its converted
 * result (text and parsed value), which can be several times the sandbox's memory.
 */
export function workerHeapMb(memoryBytes: number): number {
  return 128 + 8 * Math.ceil(memoryBytes / MiB);
}

let shared: SandboxPool | null = null;
let current: CodeSandboxSettings = { workers: 1, memoryBytes: 0 };

/**
 * The process-wide pool of sandbox workers, created on first use. Its size follows the latest
 * settings; a worker's heap limit is set from the memory limit current when it starts.
 */
export function codeSandboxPool(settings: CodeSandboxSettings): SandboxPool {
  current = settings;
  if (shared === null) {
    shared = new SandboxPool({
      size: settings.workers,
      launch: () => launchSandboxWorker({ maxOldGenerationSizeMb: workerHeapMb(current.memoryBytes) }),
      deadlines: CODE_WORKER_DEADLINES,
    });
  } else {
    shared.resize(settings.workers);
  }
  return shared;
}

/**
 * Closes the process-wide pool: queued and running `code.javascript` attempts fail, every worker is
 * terminated. A later attempt starts a new pool. Called when the service stops.
 */
export async function closeCodeSandboxPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}

/** The process-wide pool's state, or null when there is none. */
export function codeSandboxPoolState(): SandboxPoolState | null {
  return shared === null ? null : shared.state();
}

/** The sandbox counters of the process-wide pool's workers, summed, or null when there is no pool. */
export async function codeSandboxStats(): Promise<SandboxInstanceStats | null> {
  return shared === null ? null : shared.sandboxStats();
}

/** Test hook: terminates the busy workers of the process-wide pool as crashes would; returns how many. */
export function crashBusyCodeWorkers(): number {
  return shared === null ? 0 : shared.crashBusyWorkers();
}
