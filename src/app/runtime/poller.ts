import type { Clock, Timers } from '../ports/clock.js';
import type { ExecutionStore } from '../ports/execution-store.js';
import type { ExecutionRuntime } from './execution-runtime.js';

/**
 * Looks in the store for work no in-process timer covers: wake-ups due (written by another replica,
 * or before a restart) and running executions whose owner's lease expired (crash recovery).
 */
export class WakePoller {
  private timer: { cancel(): void } | null = null;
  private running = false;

  constructor(
    private readonly store: ExecutionStore,
    private readonly runtime: ExecutionRuntime,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** Starts polling every interval. */
  start(): void {
    this.running = true;
    this.arm();
  }

  /** Stops polling. */
  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  /** One pass: wakes every due execution and recovers orphaned ones. */
  async poll(): Promise<number> {
    const now = this.clock.now();
    const due = await this.store.due(now, 200);
    const orphaned = await this.store.orphaned(now, 50);
    const ids = [...new Set([...due, ...orphaned])];
    await Promise.all(ids.map((id) => this.runtime.wake(id).catch((error: unknown) => this.onError(error, `wake ${id}`))));
    return ids.length;
  }

  private arm(): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.poll()
        .catch((error: unknown) => this.onError(error, 'poll'))
        .finally(() => this.arm());
    }, this.intervalMs);
  }
}
