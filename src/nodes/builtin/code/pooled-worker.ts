import type { Worker } from 'node:worker_threads';
import type { NodeLogRecord } from '../../kit/node-services.js';
import type { SandboxResult } from './run-in-sandbox.js';
import type { SandboxInstanceStats } from './sandbox-instance.js';
import { isWorkerMessage, type HostMessage, type SandboxJob, type WorkerMessage } from './sandbox-protocol.js';

/** How a run on a worker ended: a result of the code, or a failure of the sandbox itself. */
export type RunEnd = { readonly kind: 'result'; readonly result: SandboxResult } | { readonly kind: 'failed'; readonly error: Error };

/** The host-side deadlines of a run, on top of the sandbox's own interrupt deadline. */
export interface WorkerDeadlines {
  /** From posting a run until the worker reports it started (thread start, WASM compile, instance). */
  readonly startMs: number;
  /** Added to the run's timeout_ms once it started; past it the worker is terminated. */
  readonly graceMs: number;
}

/** What a pooled worker tells its pool. */
export interface WorkerEvents {
  /** The worker finished a job and can take another. */
  readonly onFree: (worker: PooledWorker) => void;
  /** The worker is ending while it held a job: it crashed, or was terminated at a deadline. */
  readonly onLost: (worker: PooledWorker) => void;
  /** The thread has exited. */
  readonly onGone: (worker: PooledWorker) => void;
}

interface Running {
  readonly id: number;
  readonly job: SandboxJob;
  readonly onLog: (record: NodeLogRecord) => void;
  readonly settle: (end: RunEnd) => void;
  started: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Why a worker that stopped during a run ended it: running out of its heap is the memory limit
 * (the heap only grows with what the script made), anything else is a fault of the sandbox.
 */
export function crashEnd(error: Error | null, exitCode: number): RunEnd {
  if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { kind: 'result', result: { kind: 'memory' } };
  const reason = error === null ? `exit code ${exitCode}` : error.message;
  return { kind: 'failed', error: new Error(`code sandbox worker stopped during the run: ${reason}`, error === null ? undefined : { cause: error }) };
}

/**
 * One sandbox worker thread as the pool sees it: it runs one job at a time under host-side
 * deadlines, is referenced only while busy (an idle worker never keeps the process alive), and
 * reports when it is free again or gone.
 */
export class PooledWorker {
  private running: Running | null = null;
  private readonly statsWaiting = new Map<number, (stats: SandboxInstanceStats | null) => void>();
  private nextId = 1;
  private crash: Error | null = null;
  private gone = false;
  private retiring = false;

  constructor(
    private readonly thread: Worker,
    private readonly deadlines: WorkerDeadlines,
    private readonly events: WorkerEvents,
  ) {
    thread.unref();
    thread.on('message', (message: unknown) => this.receive(message));
    thread.on('messageerror', (error: Error) =>
      this.stop({ kind: 'failed', error: new Error(`code sandbox worker sent an unreadable message: ${error.message}`) }),
    );
    thread.on('error', (error: Error) => {
      this.crash ??= error;
    });
    thread.on('exit', (exitCode: number) => this.exited(exitCode));
  }

  /** True when the worker can take a job now. */
  get available(): boolean {
    return !this.gone && !this.retiring && this.running === null;
  }

  /** True while the thread is alive and not being terminated; these count against the pool size. */
  get live(): boolean {
    return !this.gone && !this.retiring;
  }

  /** True while a job runs (or waits for the sandbox to start). */
  get busy(): boolean {
    return this.running !== null;
  }

  /** True once the worker reported that the current job's script started. */
  get started(): boolean {
    return this.running?.started === true;
  }

  /** Runs one job; the worker must be available. Console records go to `onLog` as they come. */
  run(job: SandboxJob, onLog: (record: NodeLogRecord) => void): Promise<RunEnd> {
    if (!this.available) throw new Error('the sandbox worker is not available');
    return new Promise<RunEnd>((settle) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.stop({ kind: 'failed', error: new Error(`code sandbox worker did not start the run within ${this.deadlines.startMs} ms`) });
      }, this.deadlines.startMs);
      this.running = { id, job, onLog, settle, started: false, timer };
      this.thread.ref();
      this.post({ type: 'run', id, job });
    });
  }

  /** The worker's sandbox counters, or null when it is gone before answering. */
  stats(): Promise<SandboxInstanceStats | null> {
    if (this.gone) return Promise.resolve(null);
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.statsWaiting.set(id, resolve);
      this.post({ type: 'stats', id });
    });
  }

  /** Terminates the thread; a running job ends with `end`. Resolves once the thread is gone. */
  terminate(end: RunEnd): Promise<void> {
    this.stop(end);
    return new Promise((resolve) => {
      if (this.gone) resolve();
      else this.thread.once('exit', () => resolve());
    });
  }

  /** Test hook: terminates the thread as if it had crashed, without the pool knowing why. */
  simulateCrash(): Promise<number> {
    return this.thread.terminate();
  }

  private post(message: HostMessage): void {
    this.thread.postMessage(message);
  }

  private receive(raw: unknown): void {
    if (!isWorkerMessage(raw)) return;
    const message: WorkerMessage = raw;
    if (message.type === 'stats') {
      this.statsWaiting.get(message.id)?.(message.stats);
      this.statsWaiting.delete(message.id);
      return;
    }
    const running = this.running;
    if (running === null || running.id !== message.id) return;
    switch (message.type) {
      case 'started':
        running.started = true;
        clearTimeout(running.timer);
        // The sandbox interrupts the script at timeout_ms itself; this only catches a worker stuck
        // where the interrupt handler is never consulted.
        running.timer = setTimeout(() => this.stop({ kind: 'result', result: { kind: 'timeout' } }), running.job.timeoutMs + this.deadlines.graceMs);
        return;
      case 'log':
        running.onLog(message.record);
        return;
      case 'result':
        this.finish({ kind: 'result', result: message.result });
        return;
      case 'failed':
        this.finish({ kind: 'failed', error: new Error(message.message) });
        return;
    }
  }

  /** Ends the current job, if any, with `end`, and terminates the thread. */
  private stop(end: RunEnd): void {
    if (this.gone || this.retiring) return;
    this.retiring = true;
    if (this.running !== null) this.events.onLost(this);
    this.end(end);
    void this.thread.terminate();
  }

  private finish(end: RunEnd): void {
    this.end(end);
    if (this.available) this.events.onFree(this);
  }

  private end(end: RunEnd): void {
    const running = this.running;
    if (running === null) return;
    clearTimeout(running.timer);
    this.running = null;
    if (!this.gone) this.thread.unref();
    running.settle(end);
  }

  private exited(exitCode: number): void {
    this.gone = true;
    if (this.running !== null) this.events.onLost(this);
    this.end(crashEnd(this.crash, exitCode));
    for (const resolve of this.statsWaiting.values()) resolve(null);
    this.statsWaiting.clear();
    this.events.onGone(this);
  }
}
