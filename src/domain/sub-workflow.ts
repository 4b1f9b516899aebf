import type { ExecutionStatus } from './execution.js';
import type { SubWorkflowRequest } from './suspension.js';

/** What a parent suspended on children does now: go on waiting, or resume. */
export type SubWorkflowDecision = 'wait' | 'resume';

/**
 * Whether a parent suspended on children can resume: fire_and_forget at
 * once; fail_parent as soon as any child failed or was cancelled; otherwise when every child has ended.
 * A child without a status counts as not ended. The timeout is separate: the service wakes the parent
 * at `timeout_at` (see `wakeAt`).
 */
export function subWorkflowDecision(
  suspension: Pick<SubWorkflowRequest, 'mode' | 'failureStrategy' | 'childExecutionIds'>,
  childStatuses: ReadonlyMap<string, ExecutionStatus>,
): SubWorkflowDecision {
  if (suspension.mode === 'fire_and_forget') return 'resume';
  let allEnded = true;
  for (const id of suspension.childExecutionIds) {
    const status = childStatuses.get(id);
    switch (status) {
      case 'failed':
      case 'cancelled':
        if (suspension.failureStrategy === 'fail_parent') return 'resume';
        break;
      case 'completed':
        break;
      case 'pending':
      case 'running':
      case 'suspended':
      case undefined:
        allEnded = false;
        break;
    }
  }
  return allEnded ? 'resume' : 'wait';
}
