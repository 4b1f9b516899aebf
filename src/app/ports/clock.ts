/** The time source of the service (a fake clock in tests). */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/** Runs callbacks later; the service's timers go through it so tests can drive time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}
