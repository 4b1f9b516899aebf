import type { ExecutionEvent } from '../../domain/events.js';
import type { Execution } from '../../domain/execution.js';
import type { ExecutionGraph } from '../../compiler/execution-graph.js';
import type { Lease } from '../ports/execution-store.js';

/** An execution this process is working on: the live object, its stored revision and unsaved events. */
export interface Session {
  execution: Execution;
  readonly graph: ExecutionGraph;
  revision: number;
  lease: Lease | null;
  /** Events produced since the last persist, appended to the event log with the next persist. */
  readonly unsaved: ExecutionEvent[];
}
