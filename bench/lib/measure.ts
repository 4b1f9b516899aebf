/** Summary of several timed rounds of one benchmark. */
export interface Rounds {
  /** The figure of each round (per second, or bytes …). */
  readonly values: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max − min) / median, as a fraction. */
  readonly spread: number;
}

/** Summarises round values. */
export function summarise(values: readonly number[]): Rounds {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] ?? 0;
  const max = sorted.at(-1) ?? 0;
  return { values, median, min, max, spread: median === 0 ? 0 : (max - min) / median };
}

/** How long to warm up and measure. */
export interface Timing {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

/**
 * Runs a synchronous operation repeatedly: first for the warm-up time, then for `rounds` rounds of
 * `roundMs` each, and reports operations per second per round. `batch` calls run between clock reads.
 */
export function opsPerSecondSync(timing: Timing, operation: () => void, batch = 10): Rounds {
  const warmEnd = performance.now() + timing.warmupMs;
  while (performance.now() < warmEnd) for (let i = 0; i < batch; i++) operation();
  const values: number[] = [];
  for (let r = 0; r < timing.rounds; r++) {
    let count = 0;
    const start = performance.now();
    const end = start + timing.roundMs;
    let now = start;
    while (now < end) {
      for (let i = 0; i < batch; i++) operation();
      count += batch;
      now = performance.now();
    }
    values.push((count / (now - start)) * 1000);
  }
  return summarise(values);
}

/** Forces a full garbage collection when node runs with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}
