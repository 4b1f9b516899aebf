import type { EventLog } from '../../app/ports/event-log.js';
import type { GraphStore } from '../../app/ports/graph-store.js';
import { EXECUTION_ID_SCOPE, type IdempotencyStore } from '../../app/ports/idempotency-store.js';
import type { ScheduleStore } from '../../app/ports/schedule-store.js';
import type { TaskStore } from '../../app/ports/task-store.js';
import type { FactsResolver } from '../document/graph-facts.js';
import type { ExecutionStoreLimits } from '../document/store-limits.js';
import { MemoryEventLog } from './memory-event-log.js';
import { MemoryExecutionStore } from './memory-execution-store.js';
import { MemoryGraphStore } from './memory-graph-store.js';
import { MemoryIdempotencyStore } from './memory-idempotency-store.js';
import { MemoryScheduleStore } from './memory-schedule-store.js';
import { MemoryTaskStore } from './memory-task-store.js';

/** The in-memory stores (the service's default without MongoDB). */
export interface MemoryStores {
  readonly executions: MemoryExecutionStore;
  readonly events: EventLog;
  readonly graphs: GraphStore;
  readonly idempotency: IdempotencyStore;
  readonly tasks: TaskStore;
  readonly schedules: ScheduleStore;
  /** Nothing to release; present so both store sets close the same way. */
  close(): Promise<void>;
}

/**
 * Creates the in-memory stores; `facts` gives the codec the graph facts of an execution's graph (a
 * graph repository over `graphs`, created first, provides them).
 */
export function createMemoryStores(
  facts: FactsResolver,
  limits: ExecutionStoreLimits = {},
  graphs: GraphStore = new MemoryGraphStore(),
  maxEnded = 0,
): MemoryStores {
  const events = new MemoryEventLog();
  const idempotency = new MemoryIdempotencyStore();
  const tasks = new MemoryTaskStore();
  // What retention deletes with an execution; these memory stores finish their work at once.
  const onEvict = (id: string): void => {
    void events.removeAll(id);
    void tasks.removeForExecution(id);
    void idempotency.remove(EXECUTION_ID_SCOPE, id);
  };
  return {
    executions: new MemoryExecutionStore(facts, limits, { maxEnded, onEvict }),
    events,
    graphs,
    idempotency,
    tasks,
    schedules: new MemoryScheduleStore(),
    close: async () => undefined,
  };
}
