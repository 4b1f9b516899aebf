import type { Json } from './json.js';
import type { NodeError } from './node-error.js';

/** Sub-workflow execution modes. */
export type SubWorkflowMode = 'sync' | 'async' | 'fire_and_forget';
/** Sub-workflow batching. */
export type BatchMode = 'all' | 'single';
/** What a failed child does to its parent. */
export type FailureStrategy = 'fail_parent' | 'continue';

/**
 * The kind-specific part of a suspension: what a node asks for when it suspends.
 * Times are epoch milliseconds (UTC).
 */
export type SuspensionRequest =
  | { readonly kind: 'interval'; readonly waitTill: number }
  | { readonly kind: 'schedule'; readonly waitTill: number; readonly timezone: string }
  | { readonly kind: 'webhook'; readonly expiresAt: number }
  | {
      readonly kind: 'retry';
      readonly waitTill: number;
      readonly attempt: number;
      readonly maxRetries: number;
      readonly error: NodeError;
    }
  | {
      readonly kind: 'sub_workflow';
      readonly workflowId: string;
      readonly mode: SubWorkflowMode;
      readonly batchMode: BatchMode;
      readonly failureStrategy: FailureStrategy;
      readonly childExecutionIds: readonly string[];
      readonly timeoutAt: number | null;
      /** Children to create with this suspension; the runner persists them. */
      readonly children?: readonly ChildSpec[];
      /** The `queue` param, recorded on every child for the scheduler. */
      readonly queue?: string | undefined;
    }
  | {
      readonly kind: 'task';
      readonly taskId: string;
      readonly taskType: string;
      readonly timeoutAt: number;
      readonly timeoutMs: number;
      readonly outputPorts: readonly string[];
      /** The task's input, handed to the worker. */
      readonly input?: Json;
    };

/** What a sub-workflow node asks for when it suspends. */
export type SubWorkflowRequest = Extract<SuspensionRequest, { readonly kind: 'sub_workflow' }>;

/** Every suspension kind name. */
export type SuspensionKind = SuspensionRequest['kind'];

/** A child execution to create when a sub-workflow suspension is persisted. */
export interface ChildSpec {
  readonly executionId: string;
  readonly itemIndex: number;
  readonly input: Json;
  /** Epoch ms at which a pending child becomes due (async and fire_and_forget). */
  readonly dueAt: number;
}

/**
 * Identity shared by every suspension: which run it belongs to and how to resume it. The attempt
 * that suspended is the run's attempt (NodeExecution.attempt); a retry suspension's own `attempt`
 * is the attempt about to happen.
 */
export interface SuspensionIdentity {
  readonly nodeKey: string;
  readonly runIndex: number;
  readonly executionIndex: number;
  readonly suspendedAt: number;
  readonly resumeToken: string;
}

/** A suspension as recorded on a NodeExecution: identity plus exactly one kind. */
export type Suspension = SuspensionIdentity & SuspensionRequest;

/** A recorded sub-workflow suspension. */
export type SubWorkflowSuspension = Extract<Suspension, { readonly kind: 'sub_workflow' }>;

/** The moment the service must wake a suspended execution, derived from its suspension. */
export function wakeAt(suspension: SuspensionRequest): number | null {
  switch (suspension.kind) {
    case 'interval':
    case 'schedule':
    case 'retry':
      return suspension.waitTill;
    case 'webhook':
      return suspension.expiresAt;
    case 'sub_workflow':
      return suspension.timeoutAt;
    case 'task':
      return suspension.timeoutAt;
  }
}
