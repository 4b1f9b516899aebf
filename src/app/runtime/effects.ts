import type { PendingEffect } from '../ports/execution-store.js';

/** A child's link to the run of its parent that created it, as a notice to the parent carries it. */
export interface ChildNotice {
  readonly childId: string;
  readonly parentNodeKey: string;
  readonly parentRunIndex: number;
}

/** How effects reach the rest of the service. */
export interface EffectPorts {
  /** Cancels another execution (its actor here, or a request recorded for the replica running it). */
  cancelExecution(id: string, reason: string): Promise<void>;
  /** Cancels an open task (a finished one stays as it is). */
  cancelTask(taskId: string): Promise<void>;
  /** Tells a parent that a child ended; `retry` when the parent cannot take the notice yet. */
  notifyParent(parentId: string, notice: ChildNotice): Promise<'done' | 'retry'>;
  /** Looks whether what the own suspension waits on already happened, and resumes it if so. */
  checkSuspension(): Promise<void>;
}

/**
 * Carries out one pending effect. Every effect is idempotent, so carrying one out again after a crash
 * is harmless. Resolves true when it is done, false when it must be tried again later.
 */
export async function carryOut(effect: PendingEffect, ports: EffectPorts, self: string): Promise<boolean> {
  switch (effect.kind) {
    case 'cancel_children': {
      const results = await Promise.all(
        effect.executionIds.map((id) =>
          ports.cancelExecution(id, effect.reason).then(
            () => true,
            () => false,
          ),
        ),
      );
      return results.every(Boolean);
    }
    case 'cancel_task':
      await ports.cancelTask(effect.taskId);
      return true;
    case 'notify_parent':
      return (
        (await ports.notifyParent(effect.parentExecutionId, { childId: self, parentNodeKey: effect.parentNodeKey, parentRunIndex: effect.parentRunIndex })) ===
        'done'
      );
    case 'check_suspension':
      await ports.checkSuspension();
      return true;
  }
}
