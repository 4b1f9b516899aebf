import type { ExecutionStatus, NodeExecution } from '../domain/execution.js';
import type { Resumption } from '../domain/resumption.js';
import { wakeAt, type SuspensionKind } from '../domain/suspension.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';
import { AttemptContext } from './attempt-context.js';
import { startAttempt } from './attempt.js';
import { currentRun } from './audit-trail.js';
import { stopCommand } from './cancel.js';
import { assembleInput, triggerInput } from './input-assembly.js';
import { continueWith } from './main-loop.js';
import { emit, type Step } from './step.js';

/** Why a wake-up or resumption was not applied. */
export type ResumeProblem =
  | { readonly reason: 'not_suspended'; readonly status: ExecutionStatus }
  | { readonly reason: 'not_due'; readonly wakeAt: number | null }
  | { readonly reason: 'not_resumable'; readonly kind: SuspensionKind };

/** The suspended run and its node, or a problem when the execution is not suspended. */
function suspendedRun(step: Step): { run: NodeExecution; node: CompiledNode } | ResumeProblem {
  const execution = step.execution;
  const run = currentRun(execution);
  const node = run === undefined ? undefined : step.graph.nodes.get(run.nodeKey);
  if (execution.status !== 'suspended' || run === undefined || run.suspension === null || node === undefined) {
    return { reason: 'not_suspended', status: execution.status };
  }
  return { run, node };
}

/**
 * The service's own wake-up at the suspension's time: a retry starts the next
 * attempt; a timer completes the wait; a deadline ends a webhook wait, a sub-workflow wait
 * (its unfinished children are cancelled first) or an external task.
 */
export function wake(step: Step): ResumeProblem | null {
  const found = suspendedRun(step);
  if ('reason' in found) return found;
  const { run, node } = found;
  const suspension = run.suspension as NonNullable<NodeExecution['suspension']>;
  const due = wakeAt(suspension);
  if (due === null || step.now < due) return { reason: 'not_due', wakeAt: due };
  switch (suspension.kind) {
    case 'retry': {
      step.execution.status = 'running';
      emit(step, { type: 'execution_resumed', nodeKey: node.key, reason: 'retry', requestId: null });
      const next: NodeExecution = {
        ...run,
        attempt: suspension.attempt,
        status: 'running',
        suspension: null,
        params: node.constantParams,
        startedAt: step.now,
      };
      continueWith(step, startAttempt(step, node, next, true));
      return null;
    }
    case 'interval':
    case 'schedule':
      resumeNode(step, node, run, { reason: 'timer' });
      return null;
    case 'sub_workflow': {
      const stop = stopCommand(run, 'sub_workflow_timeout');
      if (stop !== null) step.commands.push(stop);
      resumeNode(step, node, run, { reason: 'deadline' });
      return null;
    }
    case 'task': {
      const stop = stopCommand(run, 'task_timeout');
      if (stop !== null) step.commands.push(stop);
      resumeNode(step, node, run, { reason: 'deadline' });
      return null;
    }
    case 'webhook':
      resumeNode(step, node, run, { reason: 'deadline' });
      return null;
  }
}

/**
 * Ends the current suspension with data from outside: a caller's `Resume` (interval,
 * schedule, webhook), the results of children (sub_workflow), or a worker's result (task).
 */
export function resumeWith(step: Step, resumption: Resumption): ResumeProblem | null {
  const found = suspendedRun(step);
  if ('reason' in found) return found;
  const { run, node } = found;
  const kind = (run.suspension as NonNullable<NodeExecution['suspension']>).kind;
  const accepted =
    (resumption.reason === 'resume' && (kind === 'interval' || kind === 'schedule' || kind === 'webhook')) ||
    (resumption.reason === 'sub_workflow' && kind === 'sub_workflow') ||
    (resumption.reason === 'task' && kind === 'task');
  if (!accepted) return { reason: 'not_resumable', kind };
  if (resumption.reason === 'sub_workflow') {
    const stop = stopCommand(run, 'parent_stopped_waiting');
    if (stop !== null) step.commands.push(stop);
  }
  resumeNode(step, node, run, resumption);
  return null;
}

/**
 * Starts a resumption that is not a retry: no new attempt and no `node_starting`; the node's
 * resume handler gets the stored params and `$input` rebuilt by the input rule. The run stays `suspended`
 * until its outcome arrives, which is how the outcome is known to be a resumption.
 */
function resumeNode(step: Step, node: CompiledNode, run: NodeExecution, resumption: Resumption): void {
  const execution = step.execution;
  execution.status = 'running';
  emit(step, {
    type: 'execution_resumed',
    nodeKey: node.key,
    reason: resumption.reason,
    requestId: resumption.reason === 'resume' ? (resumption.requestId ?? null) : null,
  });
  const input = node.type.trigger ? triggerInput(execution) : assembleInput(execution, node, true);
  const context = new AttemptContext(execution, step.graph, node, run, input, step.now, step.env, run.suspension);
  step.commands.push({ kind: 'resume_node', nodeType: node.type.type, params: run.params ?? {}, context, resumption });
}
