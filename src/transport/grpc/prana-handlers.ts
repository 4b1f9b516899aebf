import type { PranaApp } from '../../app/prana-app.js';
import type { ErrorLog } from './error-status.js';
import { executionServiceHandlers } from './execution-service.js';
import { DEFAULT_CALL_CAPACITY, OpenCalls, type CallCapacity } from './open-calls.js';
import type { PranaHandlers } from './server.js';
import { scheduleServiceHandlers } from './schedule-service.js';
import { taskServiceHandlers } from './task-service.js';
import { workflowServiceHandlers } from './workflow-service.js';

/** The handlers of the prana.v1 services over one application, and the way to drain their calls. */
export interface PranaRpc {
  readonly handlers: PranaHandlers;
  /** Ends every open wait and stream with UNAVAILABLE `shutting_down`, and every call from now on. */
  drain(): void;
  /** Open RunExecution and WatchExecution streams. */
  openStreams(): number;
}

/** Builds the prana.v1 handlers; capacities left out take their defaults. */
export function createPranaHandlers(options: { readonly app: PranaApp; readonly log: ErrorLog; readonly capacity?: Partial<CallCapacity> }): PranaRpc {
  const calls = new OpenCalls({ ...DEFAULT_CALL_CAPACITY, ...options.capacity });
  const context = { app: options.app, calls, log: options.log };
  return {
    handlers: {
      workflow: workflowServiceHandlers(context),
      execution: executionServiceHandlers(context),
      task: taskServiceHandlers(context),
      schedule: scheduleServiceHandlers(context),
    },
    drain: () => calls.drain(),
    openStreams: () => calls.count('stream'),
  };
}
