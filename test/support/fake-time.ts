import type { Clock, Timers } from '../../src/app/ports/clock.js';

/**
 * A clock and timers that only move when the test says so: `advance(ms)` moves time forward and
 * fires the timers that came due, in order, letting promises settle between them.
 */
export class FakeTime implements Clock, Timers {
  private current: number;
  private readonly pending = new Set<{ at: number; seq: number; callback: () => void }>();
  private seq = 0;

  constructor(start = Date.UTC(2025, 0, 31, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.pending.add(timer);
    return { cancel: () => this.pending.delete(timer) };
  }

  /** Moves time forward by `ms`, firing due timers in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const due = [...this.pending].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.pending.delete(due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
    await settle();
  }
}

/** Lets every queued promise and microtask run (a few macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
