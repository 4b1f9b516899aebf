import type { ExecutionRecord } from '../ports/execution-store.js';
import { wakeAt } from '../../domain/suspension.js';
import { currentSuspension } from '../../engine/index.js';

/**
 * What a stored execution calls for when a replica that does not hold it live looks at it (a timer
 * fired, the poller found it due or orphaned). The rows of the recovery table in docs/recovery.md.
 */
export type Recovery =
  /** Nothing to do now: another replica holds a live lease, or nothing is due. */
  | { readonly kind: 'nothing' }
  /** Nothing yet: look again at `at`. */
  | { readonly kind: 'later'; readonly at: number }
  /**
   * Take the lease and finish what its holder left: continue a running execution (start one never
   * started), carry out owed effects, look for a result that ended the suspension while its holder
   * was handling it (a recorded resume, a finished task), or just release the lease.
   */
  | { readonly kind: 'take_over' }
  /** A pending child's time has come: start it. */
  | { readonly kind: 'start' }
  /** The suspension's wake-up time has come: fire it (timer, retry, deadline). */
  | { readonly kind: 'wake' };

/**
 * Decides what a stored execution calls for at `now`, seen by replica `owner`, which does not hold it
 * live. A lease of `owner` itself therefore counts as left behind (its holder's session is gone).
 */
export function recoveryOf(record: ExecutionRecord, now: number, owner: string): Recovery {
  const lease = record.lease;
  if (lease !== null && lease.until > now && lease.owner !== owner) return { kind: 'nothing' };
  const leftBehind = lease !== null && lease.until > 0;
  const execution = record.execution;
  if (execution.status === 'running' || record.effects.length > 0) return { kind: 'take_over' };
  switch (execution.status) {
    case 'pending': {
      const at = record.nextWakeAt ?? execution.createdAt;
      if (at <= now) return { kind: 'start' };
      return leftBehind ? { kind: 'take_over' } : { kind: 'later', at };
    }
    case 'suspended': {
      const suspension = currentSuspension(execution);
      const at = suspension === undefined ? null : wakeAt(suspension);
      if (at !== null && at <= now) return { kind: 'wake' };
      if (leftBehind) return { kind: 'take_over' };
      return at === null ? { kind: 'nothing' } : { kind: 'later', at };
    }
    case 'completed':
    case 'failed':
    case 'cancelled':
      return leftBehind ? { kind: 'take_over' } : { kind: 'nothing' };
  }
}
