import { createHash, randomUUID } from 'node:crypto';

/** A fresh execution id for a start without caller-chosen ids. */
export function newExecutionId(): string {
  return randomUUID();
}

function digest(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/** The deterministic id of a child execution. */
export function childExecutionId(parentExecutionId: string, nodeKey: string, runIndex: number, attempt: number, itemIndex: number): string {
  return `child-${digest([parentExecutionId, nodeKey, runIndex, attempt, itemIndex])}`;
}

/** The deterministic id of an external task. */
export function externalTaskId(executionId: string, nodeKey: string, runIndex: number, attempt: number): string {
  return `task-${digest([executionId, nodeKey, runIndex, attempt])}`;
}

/** The execution id a request id maps to when the caller gave no execution id. */
export function executionIdForRequest(requestId: string): string {
  return `req-${digest(['request', requestId])}`;
}
