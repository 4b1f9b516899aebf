import type { Execution } from '../../domain/execution.js';
import type { SubWorkflowSuspension } from '../../domain/suspension.js';
import type { Json, JsonObject } from '../../domain/json.js';
import type { ChildResult, Resumption, TaskResult } from '../../domain/resumption.js';
import { currentSuspension } from '../../engine/index.js';
import { subWorkflowDecision } from '../../domain/sub-workflow.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { TaskRecord, TaskStore } from '../ports/task-store.js';
import { childResult } from './children.js';

/** Where the outside results of suspensions are kept. */
export interface SuspensionSources {
  readonly tasks: TaskStore;
  readonly idempotency: IdempotencyStore;
  /** The current state of another execution (a child), or null when it does not exist. */
  readonly read: (id: string) => Promise<Execution | null>;
}

/** The idempotency scope of a caller's Resume, recorded by token before it is applied. */
export const RESUME_TOKEN_SCOPE = 'resume-token';

/** A caller's Resume as recorded before it is applied: enough to apply it again after a crash. */
export interface RecordedResume {
  readonly data: Json;
  readonly requestId: string | null;
}

/** The record a Resume keeps under its token (its result part). */
export function recordedResumeResult(executionId: string, resume: RecordedResume): JsonObject {
  return { execution_id: executionId, data: resume.data, request_id: resume.requestId };
}

/** Reads a recorded Resume back; null for a record of another shape. */
export function recordedResumeOf(result: JsonObject): RecordedResume | null {
  if (!Object.prototype.hasOwnProperty.call(result, 'data')) return null;
  const requestId = result.request_id;
  return { data: result.data ?? null, requestId: typeof requestId === 'string' ? requestId : null };
}

/** How a finished task ends its node, from the task record; null while it is open (or was cancelled). */
export function taskResultOf(task: TaskRecord): TaskResult | null {
  const result = task.result ?? {};
  switch (task.status) {
    case 'completed':
      return { kind: 'completed', output: result.output ?? null, port: typeof result.port === 'string' ? result.port : 'main' };
    case 'failed': {
      const error = (result.error ?? {}) as JsonObject;
      const details = error.details;
      return {
        kind: 'failed',
        error: {
          code: typeof error.code === 'string' ? error.code : 'task_failed',
          message: typeof error.message === 'string' ? error.message : '',
          ...(details !== undefined && details !== null && typeof details === 'object' && !Array.isArray(details) ? { details: details as JsonObject } : {}),
        },
      };
    }
    case 'open':
    case 'cancelled':
    case 'timed_out':
      return null;
  }
}

/**
 * What ended the current suspension from outside while nobody applied it: a caller's Resume recorded
 * before a crash, a task a worker finished, children that all ended (or, for fire_and_forget, nothing
 * to wait for). Null when the suspension still waits.
 */
export async function outsideResult(sources: SuspensionSources, execution: Execution): Promise<Resumption | null> {
  if (execution.status !== 'suspended') return null;
  const suspension = currentSuspension(execution);
  if (suspension === undefined) return null;
  switch (suspension.kind) {
    case 'interval':
    case 'schedule':
    case 'webhook': {
      const record = await sources.idempotency.get(RESUME_TOKEN_SCOPE, suspension.resumeToken);
      const recorded = record === null ? null : recordedResumeOf(record.result);
      return recorded === null ? null : { reason: 'resume', data: recorded.data, requestId: recorded.requestId ?? undefined };
    }
    case 'task': {
      const task = await sources.tasks.get(suspension.taskId);
      const result = task === null ? null : taskResultOf(task);
      return result === null ? null : { reason: 'task', result };
    }
    case 'sub_workflow':
      return childrenResult(sources, suspension);
    case 'retry':
      return null;
  }
}

/** The resumption of a sub-workflow suspension when the sub-workflow rules say its parent resumes now, else null. */
export async function childrenResult(sources: SuspensionSources, suspension: SubWorkflowSuspension): Promise<Resumption | null> {
  if (suspension.mode === 'fire_and_forget') return { reason: 'sub_workflow', children: [] };
  const children = await Promise.all(suspension.childExecutionIds.map((id) => sources.read(id)));
  const statuses = new Map(children.filter((c): c is Execution => c !== null).map((c) => [c.id, c.status]));
  if (subWorkflowDecision(suspension, statuses) !== 'resume') return null;
  const results: ChildResult[] = [];
  children.forEach((child, itemIndex) => {
    if (child === null) return;
    const result = childResult(child, itemIndex);
    if (result !== null) results.push(result);
  });
  return { reason: 'sub_workflow', children: results };
}
