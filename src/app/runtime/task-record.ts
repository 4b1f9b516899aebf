import type { Execution } from '../../domain/execution.js';
import type { Suspension } from '../../domain/suspension.js';
import type { TaskRecord } from '../ports/task-store.js';

/** The open task a `task` suspension hands to workers. */
export function taskRecordOf(execution: Execution, suspension: Extract<Suspension, { kind: 'task' }>): TaskRecord {
  const run = execution.runs.get(suspension.nodeKey)?.[0];
  return {
    taskId: suspension.taskId,
    taskType: suspension.taskType,
    input: suspension.input ?? null,
    executionId: execution.id,
    nodeKey: suspension.nodeKey,
    runIndex: suspension.runIndex,
    attempt: run?.attempt ?? 0,
    runKey: `${execution.id}:${suspension.nodeKey}:${suspension.runIndex}`,
    outputPorts: suspension.outputPorts,
    createdAt: suspension.suspendedAt,
    timeoutAt: suspension.timeoutAt,
    status: 'open',
    leaseOwner: null,
    leaseUntil: null,
    result: null,
  };
}
