// TypeScript SDK of the Prana workflow service. The generated messages and clients are under
// `@prana/sdk/gen/prana/v1/<file>`; this module adds the connection, typed errors, a reconnecting
// event stream and a task-worker loop.
export { PranaClient, type ConnectOptions, type UnaryMethod } from './client.js';
export { errorOf, PranaError, reconnectable, type FieldViolation } from './errors.js';
export { watchExecution } from './watch.js';
export { TaskFailure, Worker, type TaskResult, type WorkerOptions } from './worker.js';
export type { ExecutionEvent } from './gen/prana/v1/events.js';
export type { Execution } from './gen/prana/v1/execution.js';
export type { Task } from './gen/prana/v1/task.js';
export { Workflow } from './gen/prana/v1/workflow.js';
export { ExecutionStatus } from './gen/prana/v1/execution.js';
export { ExecutionWait } from './gen/prana/v1/execution_service.js';
