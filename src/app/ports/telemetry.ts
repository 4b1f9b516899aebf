import type { ExecutionEvent } from '../../domain/events.js';

/** What a replica did to a stored execution it found needing work (see runtime/recovery.ts). */
export type RecoveryAction = 'start' | 'wake' | 'take_over';

/**
 * What the runtime reports as it works, for metrics and logs. Events are reported as the engine
 * produces them: a crash before they are stored means they are produced, and reported, again.
 */
export interface Telemetry {
  /** An event the engine produced. */
  event(event: ExecutionEvent): void;
  /** A wake-up (timer, retry back-off, deadline) ran `lagMs` after it was due. */
  wakeFired(lagMs: number): void;
  /** A replica acted on a stored execution: started it, woke it, or took it over from a lapsed lease. */
  recovery(action: RecoveryAction): void;
  /** A schedule tick was decided (its start refused: `failed`), `lagMs` after its fire time. */
  tick(result: TickResult, lagMs: number): void;
}

/** What became of a schedule tick, as metrics count it. */
export type TickResult = 'started' | 'skipped' | 'missed' | 'failed';

/** Reports nothing. */
export const NO_TELEMETRY: Telemetry = Object.freeze({
  event: () => undefined,
  wakeFired: () => undefined,
  recovery: () => undefined,
  tick: () => undefined,
});

/** Reports to each of `parts`, in order. */
export function allOf(parts: readonly Telemetry[]): Telemetry {
  if (parts.length === 1) return parts[0] as Telemetry;
  return {
    event: (event) => parts.forEach((part) => part.event(event)),
    wakeFired: (lagMs) => parts.forEach((part) => part.wakeFired(lagMs)),
    recovery: (action) => parts.forEach((part) => part.recovery(action)),
    tick: (result, lagMs) => parts.forEach((part) => part.tick(result, lagMs)),
  };
}
