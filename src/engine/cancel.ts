import type { NodeExecution } from '../domain/execution.js';
import type { Command } from './commands.js';
import { currentRun, replaceLatestRun } from './audit-trail.js';
import { refreshNodeView } from './nodes-view.js';
import type { Step } from './step.js';
import { endCancelled } from './terminal.js';

/** Why a cancel request is refused. */
export type CancelRefusal = { readonly reason: 'already_terminal'; readonly status: 'completed' | 'failed' };

/**
 * `CancelExecution`: pending and suspended executions end at once; a running one
 * records the request and ends at the next top of the main loop; a cancelled one is unchanged.
 */
export function requestCancel(step: Step, reason: string): CancelRefusal | null {
  const execution = step.execution;
  switch (execution.status) {
    case 'completed':
    case 'failed':
      return { reason: 'already_terminal', status: execution.status };
    case 'cancelled':
      return null;
    case 'pending':
      execution.cancel = { reason, requestedAt: step.now, nodeKey: null };
      endCancelled(step, reason, null);
      return null;
    case 'suspended':
      cancelSuspended(step, reason);
      return null;
    case 'running':
      if (execution.cancel === null) execution.cancel = { reason, requestedAt: step.now, nodeKey: currentRun(execution)?.nodeKey ?? null };
      return null;
  }
}

/**
 * Ends a suspended execution `cancelled`: the suspended run becomes `cancelled`, and its children
 * (sync and async) and external task are stopped.
 */
export function cancelSuspended(step: Step, reason: string): void {
  const execution = step.execution;
  const run = currentRun(execution);
  execution.cancel ??= { reason, requestedAt: step.now, nodeKey: run?.nodeKey ?? null };
  const node = run === undefined ? undefined : step.graph.nodes.get(run.nodeKey);
  if (run !== undefined && node !== undefined && run.suspension !== null) {
    const cancelled: NodeExecution = { ...run, status: 'cancelled', completedAt: step.now };
    replaceLatestRun(execution, node, cancelled);
    refreshNodeView(execution, run.nodeKey);
    const stop = stopCommand(run, 'parent_cancelled');
    if (stop !== null) step.commands.push(stop);
  }
  endCancelled(step, reason, run?.nodeKey ?? null);
}

/** The command that stops what a suspension waits on (children or task), if anything. */
export function stopCommand(run: NodeExecution, childReason: string): Command | null {
  const suspension = run.suspension;
  if (suspension === null) return null;
  switch (suspension.kind) {
    case 'sub_workflow':
      if (suspension.mode === 'fire_and_forget' || suspension.childExecutionIds.length === 0) return null;
      return { kind: 'cancel_children', executionIds: suspension.childExecutionIds, reason: childReason };
    case 'task':
      return { kind: 'cancel_task', taskId: suspension.taskId };
    case 'interval':
    case 'schedule':
    case 'webhook':
    case 'retry':
      return null;
  }
}
