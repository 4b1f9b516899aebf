import type { ExecutionEvent } from '../../domain/events.js';
import type { Execution } from '../../domain/execution.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import type { Lease, PendingEffect } from '../ports/execution-store.js';

/**
 * An execution this replica holds the lease of: the live object, its stored revision, its unsaved
 * events and the effects its writes still owe. Only its actor touches it.
 */
export interface Session {
  execution: Execution;
  readonly graph: CompiledGraph;
  revision: number;
  /** The lease this replica holds. */
  lease: Lease;
  /** Whether the stored record still carries that lease (a write of a waiting execution clears it). */
  leaseStored: boolean;
  /** Events produced since the last write, appended to the event log with the next write. */
  readonly unsaved: ExecutionEvent[];
  /** Effects the stored record owes (written with it), not yet carried out. */
  effects: readonly PendingEffect[];
  /** Effects the engine asked for since the last write; the next write stores them. */
  newEffects: PendingEffect[];
}
