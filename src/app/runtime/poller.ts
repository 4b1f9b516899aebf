import type { Clock, Timers } from '../ports/clock.js';
import type { ExecutionStore } from '../ports/execution-store.js';

/** How many due wake-ups and orphaned executions one pass takes on. */
const DUE_BATCH = 200;
const ORPHAN_BATCH = 50;
/** Outputs left by writes that never committed are collected once a minute, an hour after they were written. */
const GARBAGE_EVERY_MS = 60_000;
const GARBAGE_AGE_MS = 3_600_000;
const GARBAGE_BATCH = 100;

/** What the poller asks of the runtime. */
export interface PollTargets {
  /** Looks at an execution now (it is due or orphaned). */
  look(id: string): Promise<unknown>;
  /** Arms an in-process timer for a wake-up coming within the look-ahead. */
  arm(id: string, at: number): void;
  /** Deletes what is past retention (run once a minute, with the garbage collection). */
  sweep(now: number): Promise<unknown>;
  /** Other timed work of the same store pass: schedules due now, and timers for those due before `until`. */
  alsoPoll?(now: number, until: number): Promise<unknown>;
}

/**
 * Looks in the store for work no timer of this process covers: wake-ups recorded by another replica
 * or before a restart, and executions whose lease expired in the middle of something (crash
 * recovery). Wake-ups due within the look-ahead get an in-process timer at their exact time, so they
 * fire on time rather than at the next poll. Once a minute it also collects outside outputs that
 * writes which never committed left behind, and deletes what is past retention.
 */
export class WakePoller {
  private timer: { cancel(): void } | null = null;
  private running = false;
  private collectedAt = 0;
  /** The pass the timer started, while it runs. */
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: ExecutionStore,
    private readonly targets: PollTargets,
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

  /** Stops polling; resolves once a pass in progress has finished (so the store can close after it). */
  async stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
    await this.inFlight;
  }

  /** One pass: looks at what is due or orphaned, arms timers for what comes within two intervals; returns how many it looked at now. */
  async poll(): Promise<number> {
    const now = this.clock.now();
    const due = await this.store.due(now + 2 * this.intervalMs, now, DUE_BATCH);
    const orphaned = await this.store.orphaned(now, ORPHAN_BATCH);
    const ids = new Set(orphaned);
    for (const wake of due) {
      if (wake.at <= now) ids.add(wake.id);
      else this.targets.arm(wake.id, wake.at);
    }
    await Promise.all([...ids].map((id) => this.targets.look(id).catch((error: unknown) => this.onError(error, `look at ${id}`))));
    await this.targets.alsoPoll?.(now, now + 2 * this.intervalMs).catch((error: unknown) => this.onError(error, 'poll schedules'));
    if (now - this.collectedAt >= GARBAGE_EVERY_MS) {
      this.collectedAt = now;
      await this.store.collectGarbage(now - GARBAGE_AGE_MS, GARBAGE_BATCH).catch((error: unknown) => this.onError(error, 'collect garbage'));
      await this.targets.sweep(now).catch((error: unknown) => this.onError(error, 'retention sweep'));
    }
    return ids.size;
  }

  private arm(): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.inFlight = this.poll()
        .then(
          () => undefined,
          (error: unknown) => this.onError(error, 'poll'),
        )
        .finally(() => {
          this.inFlight = null;
          this.arm();
        });
    }, this.intervalMs);
  }
}
