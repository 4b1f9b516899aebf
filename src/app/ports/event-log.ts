import type { ExecutionEvent } from '../../domain/events.js';

/**
 * The append-only history of each execution (SEMANTICS.md §4.5). Events are keyed by
 * (execution id, seq): appending an event whose seq exists replaces it, which is what happens when a
 * step that never committed is run again after a crash.
 */
export interface EventLog {
  append(events: readonly ExecutionEvent[]): Promise<void>;
  /** Events with seq > afterSeq, in seq order, at most `limit`. */
  read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]>;
}
