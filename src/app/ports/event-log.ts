import type { ExecutionEvent } from '../../domain/events.js';

/**
 * The append-only history of each execution. Events are keyed by (execution id, seq). A writer
 * appends a step's events before it writes the execution (the execution's seq commits them), so
 * events beyond the execution's seq are tentative: a step that never committed is run again after a
 * crash and its events replace them. Each append carries the writer's lease epoch: an event is
 * replaced only by a writer of the same or a later epoch, so a writer fenced off by a newer owner
 * cannot overwrite what the newer owner wrote. Readers consider events up to the execution's seq.
 */
export interface EventLog {
  append(events: readonly ExecutionEvent[], epoch: number): Promise<void>;
  /** Events with seq > afterSeq, in seq order, at most `limit`. */
  read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]>;
  /** Deletes every event of an execution (retention). */
  removeAll(executionId: string): Promise<void>;
}
