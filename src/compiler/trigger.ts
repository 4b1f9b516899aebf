import { finding, type Finding } from './finding.js';

/** A node as trigger selection sees it. */
export interface TriggerCandidate {
  readonly position: number;
  readonly key: string;
  readonly typeName: string;
  /** True when the node's type is a trigger type. */
  readonly isTrigger: boolean;
}

/** The chosen trigger's position, or the check-19 finding that explains why there is none. */
export type TriggerSelection = { readonly ok: true; readonly position: number } | { readonly ok: false; readonly finding: Finding };

/**
 * Trigger selection. `candidates` are the nodes in definition order,
 * one per key; `named` is the workflow's `trigger` field (null or undefined when absent).
 */
export function selectTrigger(candidates: readonly TriggerCandidate[], named: string | null | undefined): TriggerSelection {
  if (named !== undefined && named !== null) {
    const node = candidates.find((c) => c.key === named);
    if (node === undefined) {
      return fail(-1, { code: 'trigger_not_found', nodeKey: named, message: `trigger node ${JSON.stringify(named)} not found` });
    }
    if (!node.isTrigger) {
      return fail(node.position, { code: 'not_a_trigger', nodeKey: named, message: `node "${named}" of type "${node.typeName}" is not a trigger` });
    }
    return { ok: true, position: node.position };
  }
  const triggers = candidates.filter((c) => c.isTrigger);
  const only = triggers[0];
  if (only === undefined) return fail(-1, { code: 'no_trigger', message: 'no trigger node and no trigger named' });
  if (triggers.length > 1) {
    return fail(-1, { code: 'multiple_triggers', message: `several trigger nodes and no trigger named: ${triggers.map((t) => t.key).join(', ')}` });
  }
  return { ok: true, position: only.position };
}

function fail(position: number, diagnostic: { code: string; nodeKey?: string; message: string }): TriggerSelection {
  return { ok: false, finding: finding(position, { ...diagnostic, severity: 'error' }) };
}
