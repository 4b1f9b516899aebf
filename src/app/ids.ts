import { createHash, randomUUID } from 'node:crypto';
import { idPrefix, namespaceOfId } from '../domain/namespace.js';

/** A fresh execution id in `namespace` for a start without caller-chosen ids. */
export function newExecutionId(namespace: string): string {
  return `${idPrefix(namespace)}${randomUUID()}`;
}

function digest(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/** The deterministic id of a child execution, in its parent's namespace. */
export function childExecutionId(parentExecutionId: string, nodeKey: string, runIndex: number, attempt: number, itemIndex: number): string {
  return `${idPrefix(namespaceOfId(parentExecutionId))}child-${digest([parentExecutionId, nodeKey, runIndex, attempt, itemIndex])}`;
}

/** The deterministic id of an external task. */
export function externalTaskId(executionId: string, nodeKey: string, runIndex: number, attempt: number): string {
  return `task-${digest([executionId, nodeKey, runIndex, attempt])}`;
}

/** The execution id a request id of `namespace` maps to when the caller gave no execution id. */
export function executionIdForRequest(namespace: string, requestId: string): string {
  return `${idPrefix(namespace)}req-${digest(['request', requestId])}`;
}
