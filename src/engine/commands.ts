import type { JsonObject } from '../domain/json.js';
import type { Resumption } from '../domain/resumption.js';
import type { NodeRunContext } from '../nodes/kit/node-type.js';

/** Why the runner should write the execution now. */
export type PersistReason = 'started' | 'checkpoint' | 'suspended' | 'resumed' | 'terminal';

/**
 * An effect the runner carries out after a transition, in order, once it has taken the transition's
 * events. Persisting writes the whole execution as the transition
 * left it, so every event of the transition belongs before any write.
 * Suspension details (wake-up time, children to start, tasks to create) are read from the
 * execution's current suspension when the `persist` with reason `suspended` is carried out.
 */
export type Command =
  /** Run one attempt of a node: the runner resolves `nodeType` from its registry and calls `execute`. */
  | { readonly kind: 'execute_node'; readonly nodeType: string; readonly params: JsonObject; readonly context: NodeRunContext }
  /** Continue a suspended run: the runner calls the node type's `resume` with the resumption. */
  | {
      readonly kind: 'resume_node';
      readonly nodeType: string;
      readonly params: JsonObject;
      readonly context: NodeRunContext;
      readonly resumption: Resumption;
    }
  | { readonly kind: 'persist'; readonly reason: PersistReason }
  | { readonly kind: 'cancel_children'; readonly executionIds: readonly string[]; readonly reason: string }
  | { readonly kind: 'cancel_task'; readonly taskId: string };
