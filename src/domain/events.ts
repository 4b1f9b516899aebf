import type { Json } from './json.js';
import type { NodeError } from './node-error.js';
import type { ResumeReason } from './resumption.js';
import type { ParentLink } from './execution.js';
import type { Suspension, SuspensionKind, SubWorkflowMode } from './suspension.js';

/** Fields every event carries. `time` is epoch ms. */
export interface EventBase {
  readonly seq: number;
  readonly time: number;
  readonly executionId: string;
}

/** The run a node event is about. */
export interface NodeRef {
  readonly nodeKey: string;
  readonly nodeType: string;
  readonly runIndex: number;
  readonly executionIndex: number;
  /** The attempt; for `node_retry_scheduled`, the attempt about to happen. */
  readonly attempt: number;
}

/** The kind-specific part of an event. */
export type EventBody =
  | {
      readonly type: 'execution_started';
      readonly graphId: string;
      readonly workflowId: string;
      readonly workflowVersion: number;
      readonly mode: SubWorkflowMode;
      readonly parent: ParentLink | null;
      readonly input: Json;
    }
  | ({ readonly type: 'node_starting'; readonly loopback: boolean } & NodeRef)
  | ({
      readonly type: 'node_completed';
      readonly port: string;
      readonly output: Json;
      readonly durationMs: number;
      readonly resumed: boolean;
    } & NodeRef)
  | ({ readonly type: 'node_failed'; readonly error: NodeError } & NodeRef)
  | ({ readonly type: 'node_suspended'; readonly suspension: Suspension } & NodeRef)
  | ({ readonly type: 'node_retry_scheduled'; readonly waitTill: number; readonly error: NodeError } & NodeRef)
  | {
      readonly type: 'execution_suspended';
      readonly nodeKey: string;
      readonly kind: SuspensionKind;
      /** wait_till, expires_at or timeout_at, as the kind has it; null when none. */
      readonly wakeAt: number | null;
    }
  | {
      readonly type: 'execution_resumed';
      readonly nodeKey: string;
      readonly reason: ResumeReason;
      readonly requestId: string | null;
    }
  | { readonly type: 'execution_completed'; readonly output: Json }
  | { readonly type: 'execution_failed'; readonly error: Json }
  | { readonly type: 'execution_cancelled'; readonly reason: string; readonly nodeKey: string | null };

/** One entry of an execution's event log. */
export type ExecutionEvent = EventBase & EventBody;

/** Every event type name. */
export type EventType = EventBody['type'];
