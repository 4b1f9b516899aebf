import type { Execution } from '../domain/execution.js';
import type { JsonObject } from '../domain/json.js';
import type { SuspensionKind } from '../domain/suspension.js';
import { currentRun } from './audit-trail.js';

/** What a caller's `Resume` addresses: a node of the execution, or one suspension by its token. */
export type ResumeTarget =
  | { readonly kind: 'node'; readonly nodeKey: string }
  | {
      readonly kind: 'token';
      readonly token: string;
      /** Decoded from the token by the service (it was issued for this suspension). */
      readonly nodeKey: string;
      readonly runIndex: number;
      readonly suspensionKind: SuspensionKind;
    };

/** Typed refusals of the execution semantics that depend on the execution's state. */
export type ResumeRefusalReason = 'token_expired' | 'not_suspended' | 'stale_token' | 'wrong_node' | 'not_resumable';

/** A refusal with its machine-readable details. */
export interface ResumeRefusal {
  readonly reason: ResumeRefusalReason;
  readonly details: JsonObject;
}

/**
 * Runs the state checks of Resume in their order (after idempotency, token validity and existence,
 * which the service checks first). Returns null when the resume may proceed.
 */
export function resumeRefusal(execution: Execution, target: ResumeTarget, now: number): ResumeRefusal | null {
  const run = currentRun(execution);
  const suspension = execution.status === 'suspended' && run !== undefined ? run.suspension : null;
  const addressed = suspension !== null && (target.kind === 'node' ? target.nodeKey === suspension.nodeKey : target.token === suspension.resumeToken);
  if (addressed && suspension.kind === 'webhook' && now >= suspension.expiresAt) {
    return { reason: 'token_expired', details: { expires_at: new Date(suspension.expiresAt).toISOString() } };
  }
  if (target.kind === 'token' && !addressed && target.suspensionKind === 'webhook' && endedByDeadline(execution, target.nodeKey, target.runIndex)) {
    return { reason: 'token_expired', details: {} };
  }
  if (suspension === null) return { reason: 'not_suspended', details: { status: execution.status } };
  if (target.kind === 'token' && !addressed) return { reason: 'stale_token', details: {} };
  if (target.kind === 'node' && !addressed) return { reason: 'wrong_node', details: { suspended_node_key: suspension.nodeKey } };
  if (suspension.kind === 'retry' || suspension.kind === 'sub_workflow' || suspension.kind === 'task') {
    return { reason: 'not_resumable', details: { kind: suspension.kind } };
  }
  return null;
}

/** True when the retained run completed on `timeout`: its webhook wait expired. */
function endedByDeadline(execution: Execution, nodeKey: string, runIndex: number): boolean {
  const runs = execution.runs.get(nodeKey) ?? [];
  return runs.some((r) => r.runIndex === runIndex && r.status === 'completed' && r.outputPort === 'timeout');
}
