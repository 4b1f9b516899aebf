import type { EventHub } from '../event-hub.js';
import type { GraphRepository } from '../graph-repository.js';
import type { Clock, Timers } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { ExecutionStore } from '../ports/execution-store.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { ScheduleStore } from '../ports/schedule-store.js';
import type { TaskStore } from '../ports/task-store.js';
import type { RequestLimits } from '../request-limits.js';
import type { ResumeTokens } from '../resume-tokens.js';
import type { ExecutionRuntime } from '../runtime/execution-runtime.js';
import type { ScheduleWorker } from '../runtime/schedule-worker.js';

/** Everything the use cases share; built once by the composition root. */
export interface AppContext {
  readonly runtime: ExecutionRuntime;
  readonly graphs: GraphRepository;
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly tasks: TaskStore;
  readonly schedules: ScheduleStore;
  /** The schedule worker of this replica, as the schedule use cases see it. */
  readonly scheduling: ScheduleWorker;
  readonly idempotency: IdempotencyStore;
  readonly hub: EventHub;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly tokens: ResumeTokens;
  readonly limits: RequestLimits;
  /** How often a stream re-reads the event log for executions driven by another replica. */
  readonly watchPollMs: number;
  /** How many events a stream may fall behind before it is cut off with `subscriber_too_slow`. */
  readonly maxWatchLag: number;
}
