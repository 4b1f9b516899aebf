import type { PollRequest } from '../../../app/use-cases/tasks.js';
import type { PollTasksRequest } from '../../../gen/prana/v1/task_service.js';
import type { EdgeLimits } from '../edge-limits.js';
import { RequestCheck } from '../request-check.js';
import { decodeLeaseMs } from './lease.js';

/** Longest long poll the contract allows, in milliseconds. */
const MAX_WAIT_MS = 60_000;

/**
 * Decodes PollTasks and checks every range the contract gives at the edge: `worker_id` 1 to 128
 * characters, at least one task type, `max_tasks` 0 to 100 (0 means 1), the lease 1 000 to 3 600 000 ms
 * (0 means 60 000), `wait_ms` 0 to 60 000.
 */
export function decodePollRequest(request: PollTasksRequest, limits: EdgeLimits): PollRequest {
  const check = new RequestCheck()
    .required('worker_id', request.workerId)
    .maxLength('worker_id', request.workerId, limits.maxWorkerIdLength)
    .range('max_tasks', request.maxTasks, 0, 100)
    .range('wait_ms', Number(request.waitMs), 0, MAX_WAIT_MS);
  if (request.taskTypes.length === 0) check.add('task_types', 'at least one task type is required');
  request.taskTypes.forEach((type, index) => check.required(`task_types[${index}]`, type));
  const leaseMs = decodeLeaseMs(request.leaseDurationMs, check);
  check.done();
  return {
    workerId: request.workerId,
    taskTypes: [...request.taskTypes],
    maxTasks: request.maxTasks === 0 ? 1 : request.maxTasks,
    leaseMs,
    waitMs: Number(request.waitMs),
  };
}
