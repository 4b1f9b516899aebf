import type { Execution } from '../../domain/execution.js';
import { wakeAt } from '../../domain/suspension.js';
import { currentSuspension } from '../../engine/index.js';

/**
 * When the service must next look at an execution: the
 * wake-up of its current suspension, or, for a pending child, when it is due.
 */
export function nextWakeOf(execution: Execution, pendingDueAt: number | null): number | null {
  switch (execution.status) {
    case 'pending':
      return pendingDueAt ?? execution.createdAt;
    case 'suspended': {
      const suspension = currentSuspension(execution);
      return suspension === undefined ? null : wakeAt(suspension);
    }
    case 'running':
    case 'completed':
    case 'failed':
    case 'cancelled':
      return null;
  }
}
