import { BinaryHeap } from '../../src/domain/binary-heap.js';
import type { Clock, Timers } from '../../src/app/ports/clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly group: string;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * Simulated time for every replica and client of one simulation: one clock, and timers grouped by
 * owner so a crashed replica's timers die with it. Time moves only in `run`: it lets every pending
 * promise settle, then fires the earliest timer, and so on, so a run is a pure function of its inputs.
 */
export class Scheduler implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap = new BinaryHeap<Timer>(before);
  private readonly dead = new Set<string>();
  /** Timers fired so far (a measure of how much a seed did). */
  fired = 0;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  /** The timers of one owner (a replica incarnation or a client). */
  timers(group: string): Timers {
    return {
      setTimeout: (callback, ms) => {
        const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, group, callback, cancelled: this.dead.has(group) };
        if (!timer.cancelled) this.heap.push(timer);
        return {
          cancel: () => {
            timer.cancelled = true;
          },
        };
      },
    };
  }

  /** Kills every timer of a group, now and later (a crashed process). */
  kill(group: string): void {
    this.dead.add(group);
  }

  /** Resolves after `ms` of simulated time, on the timers of `group`. */
  sleep(group: string, ms: number): Promise<void> {
    return new Promise((resolve) => this.timers(group).setTimeout(resolve, ms));
  }

  /** Moves the clock forward at once without firing anything in between (a clock jump). */
  jump(ms: number): void {
    this.current += ms;
  }

  /**
   * Runs until `done()` holds or the clock passes `until`: settles pending promises, then fires the
   * earliest live timer. Returns false when time ran out first.
   */
  async run(until: number, done: () => boolean): Promise<boolean> {
    for (;;) {
      await drain();
      if (done()) return true;
      const next = this.heap.pop();
      if (next === undefined) {
        await drain();
        return done();
      }
      if (next.cancelled || this.dead.has(next.group)) continue;
      if (next.at > until) {
        this.heap.push(next);
        this.current = Math.max(this.current, until);
        return done();
      }
      this.current = Math.max(this.current, next.at);
      this.fired++;
      next.callback();
    }
  }
}

/** Lets every queued promise reaction run (the simulation does no real IO, so one turn settles all). */
function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
