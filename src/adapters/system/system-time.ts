import type { Clock, Timers } from '../../app/ports/clock.js';

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Real timers; they do not keep the process alive on their own. */
export const systemTimers: Timers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};
