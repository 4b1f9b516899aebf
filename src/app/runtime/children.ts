import type { Execution } from '../../domain/execution.js';
import type { JsonObject } from '../../domain/json.js';
import type { ChildResult } from '../../domain/resumption.js';
import type { ChildSpec, SubWorkflowSuspension } from '../../domain/suspension.js';
import { executionError, finalOutput, latestRun, type ExecutionSpec } from '../../engine/index.js';

/** The spec of one child execution of a parent's sub-workflow suspension. */
export function childSpecOf(parent: Execution, suspension: SubWorkflowSuspension, child: ChildSpec, now: number): ExecutionSpec {
  return {
    id: child.executionId,
    input: child.input,
    mode: suspension.mode,
    parent: {
      parentExecutionId: parent.id,
      parentNodeKey: suspension.nodeKey,
      parentRunIndex: suspension.runIndex,
      rootExecutionId: parent.parent?.rootExecutionId ?? parent.id,
    },
    depth: parent.depth + 1,
    queue: suspension.queue ?? null,
    pending: suspension.mode !== 'sync',
    createdAt: now,
  };
}

/** What a parent's resume handler learns about one ended child; null while it runs. */
export function childResult(child: Execution, itemIndex: number): ChildResult | null {
  switch (child.status) {
    case 'completed':
      return { executionId: child.id, itemIndex, status: 'completed', output: finalOutput(child) ?? null };
    case 'failed':
      return { executionId: child.id, itemIndex, status: 'failed', error: executionError(child) ?? null };
    case 'cancelled':
      return { executionId: child.id, itemIndex, status: 'cancelled', error: { reason: child.cancel?.reason ?? 'cancelled' } as JsonObject };
    case 'pending':
    case 'running':
    case 'suspended':
      return null;
  }
}

/**
 * Where a parent stands towards one of its children: `waiting` while its current
 * suspension waits on the child, `not_yet` while the run that creates it has not suspended on it yet
 * (it is running again after a crash), `never` once the run moved on or the parent ended.
 */
export function parentStance(parent: Execution, childId: string, parentNodeKey: string, parentRunIndex: number): 'waiting' | 'not_yet' | 'never' {
  if (parent.status === 'completed' || parent.status === 'failed' || parent.status === 'cancelled') return 'never';
  const run = latestRun(parent, parentNodeKey);
  if (run === undefined || run.runIndex < parentRunIndex) return 'not_yet';
  if (run.runIndex > parentRunIndex) return 'never';
  switch (run.status) {
    case 'running':
      return 'not_yet';
    case 'suspended':
      return run.suspension?.kind === 'sub_workflow' && run.suspension.childExecutionIds.includes(childId) && parent.status === 'suspended'
        ? 'waiting'
        : 'never';
    case 'completed':
    case 'failed':
    case 'cancelled':
      return 'never';
  }
}
