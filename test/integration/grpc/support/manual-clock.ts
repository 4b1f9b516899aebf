// A clock the test moves by hand.
import type { Clock } from '../../../../src/app/ports/clock.js';

/** A clock that starts at `start` and moves only when told. */
export class ManualClock implements Clock {
  constructor(private current: number = Date.UTC(2030, 0, 1)) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward. */
  advance(ms: number): void {
    this.current += ms;
  }
}
