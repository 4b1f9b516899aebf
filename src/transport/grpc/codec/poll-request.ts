import type { PollRequest } from '../../../app/use-cases/tasks.js';
import type { PollTasksRequest } from '../../../gen/prana/v1/task_service.js';

/** Decodes PollTasks; the use case checks its ranges (0 lease and 0 max_tasks mean the defaults). */
export function decodePollRequest(request: PollTasksRequest): PollRequest {
  return {
    workerId: request.workerId,
    taskTypes: [...request.taskTypes],
    maxTasks: request.maxTasks,
    leaseMs: Number(request.leaseDurationMs),
    waitMs: Number(request.waitMs),
  };
}
