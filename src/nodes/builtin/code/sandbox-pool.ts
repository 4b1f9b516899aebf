import type { Worker } from 'node:worker_threads';
import type { NodeLogRecord } from '../../kit/node-services.js';
import { PooledWorker, type RunEnd, type WorkerDeadlines } from './pooled-worker.js';
import type { SandboxInstanceStats } from './sandbox-instance.js';
import type { SandboxJob } from './sandbox-protocol.js';

/** How a pool starts workers and bounds them. */
export interface SandboxPoolOptions {
  /** Most workers alive at once (at least 1). */
  readonly size: number;
  /** Starts one worker thread running the sandbox worker entry. */
  readonly launch: () => Worker;
  readonly deadlines: WorkerDeadlines;
}

/** A pool's state right now, for tests and health reporting. */
export interface SandboxPoolState {
  /** Worker threads that have not exited yet, those being terminated included. */
  readonly threads: number;
  /** Worker threads alive and not being terminated: the ones counted against the size. */
  readonly workers: number;
  /** Workers with a job, and those whose job's script has started. */
  readonly busy: number;
  readonly running: number;
  /** Jobs waiting for a worker. */
  readonly queued: number;
  /** Workers that ended during a run while the pool was open (crashed, or terminated at a deadline). */
  readonly lost: number;
}

interface Waiting {
  readonly job: SandboxJob;
  readonly onLog: (record: NodeLogRecord) => void;
  readonly resolve: (end: RunEnd) => void;
}

/** A usable pool size: a whole number of at least 1 (1 for anything that is not a finite number). */
function poolSize(size: number): number {
  return Number.isFinite(size) ? Math.max(1, Math.floor(size)) : 1;
}

const CLOSED: RunEnd = { kind: 'failed', error: new Error('the code sandbox pool is closed') };

function sumStats(all: readonly SandboxInstanceStats[]): SandboxInstanceStats {
  return {
    compiles: all.reduce((sum, stats) => sum + stats.compiles, 0),
    instances: all.reduce((sum, stats) => sum + stats.instances, 0),
    discards: all.reduce((sum, stats) => sum + stats.discards, 0),
    liveRuntimes: all.reduce((sum, stats) => sum + stats.liveRuntimes, 0),
    memories: all.flatMap((stats) => stats.memories),
  };
}

/**
 * A pool of sandbox worker threads: started lazily up to `size`, jobs queued first in first out
 * while all are busy, a worker that crashes or is terminated at a deadline replaced by a fresh one.
 */
export class SandboxPool {
  private readonly workers = new Set<PooledWorker>();
  private readonly queue: Waiting[] = [];
  private size: number;
  private closed = false;
  private lost = 0;

  constructor(private readonly options: SandboxPoolOptions) {
    this.size = poolSize(options.size);
  }

  /** Runs a job on a free worker, waiting in the queue when there is none. Never rejects. */
  run(job: SandboxJob, onLog: (record: NodeLogRecord) => void): Promise<RunEnd> {
    if (this.closed) return Promise.resolve(CLOSED);
    return new Promise((resolve) => {
      this.queue.push({ job, onLog, resolve });
      this.dispatch();
    });
  }

  /** Changes the most workers alive at once; extra idle workers are ended. */
  resize(size: number): void {
    const next = poolSize(size);
    if (next === this.size) return;
    this.size = next;
    this.trim();
    this.dispatch();
  }

  /** Ends queued jobs and running ones as failed, terminates every worker, and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.resolve(CLOSED);
    await Promise.all([...this.workers].map((worker) => worker.terminate({ kind: 'failed', error: new Error('the code sandbox pool closed during the run') })));
  }

  /** The pool's state right now. */
  state(): SandboxPoolState {
    const workers = [...this.workers].filter((worker) => worker.live);
    return {
      threads: this.workers.size,
      workers: workers.length,
      busy: workers.filter((worker) => worker.busy).length,
      running: workers.filter((worker) => worker.started).length,
      queued: this.queue.length,
      lost: this.lost,
    };
  }

  /** The live workers' sandbox counters, summed (memories listed); a busy worker answers after its run. */
  async sandboxStats(): Promise<SandboxInstanceStats> {
    const answers = await Promise.all([...this.workers].filter((worker) => worker.live).map((worker) => worker.stats()));
    return sumStats(answers.filter((stats): stats is SandboxInstanceStats => stats !== null));
  }

  /** Test hook: terminates every busy worker as a crash would; returns how many. */
  crashBusyWorkers(): number {
    const busy = [...this.workers].filter((worker) => worker.live && worker.busy);
    for (const worker of busy) void worker.simulateCrash();
    return busy.length;
  }

  private liveCount(): number {
    let count = 0;
    for (const worker of this.workers) if (worker.live) count++;
    return count;
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      let worker = [...this.workers].find((candidate) => candidate.available);
      if (worker === undefined) {
        if (this.liveCount() >= this.size) return;
        const waiting = this.queue[0] as Waiting;
        try {
          worker = this.spawn();
        } catch (error) {
          this.queue.shift();
          waiting.resolve({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
          continue;
        }
      }
      const waiting = this.queue.shift() as Waiting;
      void worker.run(waiting.job, waiting.onLog).then(waiting.resolve);
    }
  }

  private spawn(): PooledWorker {
    const worker = new PooledWorker(this.options.launch(), this.options.deadlines, {
      onFree: () => {
        this.trim();
        this.dispatch();
      },
      onLost: () => {
        if (!this.closed) this.lost++;
      },
      onGone: (gone) => {
        this.workers.delete(gone);
        this.dispatch();
      },
    });
    this.workers.add(worker);
    return worker;
  }

  /** Ends idle workers beyond the size (after a resize down). */
  private trim(): void {
    let excess = this.liveCount() - this.size;
    for (const worker of this.workers) {
      if (excess <= 0) return;
      if (!worker.available) continue;
      void worker.terminate({ kind: 'failed', error: new Error('the code sandbox pool shrank') });
      excess--;
    }
  }
}
