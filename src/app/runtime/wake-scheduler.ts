import type { Clock, Timers } from '../ports/clock.js';

/** Wake-ups further away than this are left to the store poller's look-ahead (they survive restarts anyway). */
export const IN_PROCESS_TIMER_HORIZON_MS = 10 * 60_000;

/**
 * In-process timers that look at an execution when its wake-up time comes: armed by this replica's own
 * writes and by the poller's look-ahead for wake-ups another replica (or a previous process) recorded.
 * One timer per execution; a new time replaces the old one.
 */
export class WakeScheduler {
  private readonly timers = new Map<string, { cancel(): void; at: number }>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly source: Timers,
    private readonly look: (id: string) => void,
  ) {}

  /** Looks at the execution at `at` (replacing an earlier timer); beyond the horizon, the poller will. */
  schedule(id: string, at: number): void {
    this.cancel(id);
    if (this.stopped) return;
    const delay = Math.max(0, at - this.clock.now());
    if (delay > IN_PROCESS_TIMER_HORIZON_MS) return;
    const timer = this.source.setTimeout(() => {
      // A timer may fire a moment before the clock reads its time: what it is for would not be due yet.
      if (this.clock.now() < at) {
        if (this.timers.get(id) === entry) this.schedule(id, at);
        return;
      }
      if (this.timers.get(id) === entry) this.timers.delete(id);
      this.look(id);
    }, delay);
    const entry = { cancel: () => timer.cancel(), at };
    this.timers.set(id, entry);
  }

  /** The time a timer is armed for, if one is. */
  armedAt(id: string): number | undefined {
    return this.timers.get(id)?.at;
  }

  cancel(id: string): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    timer.cancel();
    this.timers.delete(id);
  }

  /** Cancels every timer; later `schedule` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
