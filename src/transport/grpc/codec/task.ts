import type { TaskRecord } from '../../../app/ports/task-store.js';
import type { Task } from '../../../gen/prana/v1/task.js';
import { encodeJson } from './json.js';
import { encodeTime } from './time.js';

/** Encodes an external task handed to a worker as prana.v1.Task. */
export function encodeTask(task: TaskRecord): Task {
  return {
    taskId: task.taskId,
    taskType: task.taskType,
    input: encodeJson(task.input),
    executionId: task.executionId,
    nodeKey: task.nodeKey,
    runIndex: task.runIndex,
    attempt: task.attempt,
    runKey: task.runKey,
    outputPorts: [...task.outputPorts],
    createdAt: encodeTime(task.createdAt),
    timeoutAt: encodeTime(task.timeoutAt),
    leaseExpiresAt: encodeTime(task.leaseUntil),
  };
}
