import type { Json, JsonObject } from './json.js';
import type { EngineError, NodeError } from './node-error.js';
import type { Suspension, SubWorkflowMode } from './suspension.js';
import type { ActivePaths, Frontier, NodeTable } from './node-table.js';

/** Execution statuses. */
export type ExecutionStatus = 'pending' | 'running' | 'suspended' | 'completed' | 'failed' | 'cancelled';

/** True for statuses that never change again. */
export function isTerminal(status: ExecutionStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** NodeExecution statuses. */
export type NodeExecutionStatus = 'running' | 'completed' | 'failed' | 'suspended' | 'cancelled';

/** One run of one node, as kept in the audit trail. Times are epoch ms. */
export interface NodeExecution {
  readonly nodeKey: string;
  readonly status: NodeExecutionStatus;
  readonly executionIndex: number;
  readonly runIndex: number;
  readonly attempt: number;
  readonly loopback: boolean;
  /** The rendered and validated params, or null when rendering or validation failed. */
  readonly params: JsonObject | null;
  /** The output of a completed run; null otherwise. */
  readonly output: Json;
  readonly outputPort: string | null;
  readonly error: NodeError | null;
  readonly suspension: Suspension | null;
  readonly startedAt: number;
  readonly completedAt: number | null;
}

/** The link from a child execution to the run that started it. */
export interface ParentLink {
  readonly parentExecutionId: string;
  readonly parentNodeKey: string;
  readonly parentRunIndex: number;
  readonly rootExecutionId: string;
}

/** A recorded cancellation request. */
export interface CancelRequest {
  readonly reason: string;
  readonly requestedAt: number;
  /** The run in flight when the request arrived, named by `execution_cancelled`. */
  readonly nodeKey: string | null;
}

/**
 * One execution: identity, runtime state and the retained audit trail. The graph
 * is referenced by id, never copied in. The engine's transition owns the runtime part: it updates
 * the object it is given and hands it back (one writer per execution), so callers keep only the
 * execution a transition returns.
 */
export interface Execution {
  readonly id: string;
  readonly graphId: string;
  readonly workflowId: string;
  readonly workflowVersion: number;
  /** The start input, kept for the trigger and for inspection. */
  readonly input: Json;
  /** Graph variables shallow-merged with start variables. */
  readonly vars: JsonObject;
  readonly mode: SubWorkflowMode;
  readonly parent: ParentLink | null;
  /** Sub-workflow nesting depth: 0 for executions started through the API. */
  readonly depth: number;
  readonly queue: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: number;
  status: ExecutionStatus;
  startedAt: number | null;
  finishedAt: number | null;
  /** The execution_index the next new run gets. */
  nextIndex: number;
  /** Scheduled nodes and their depth. */
  frontier: Frontier;
  /** Node key → execution_index of its completion on the current pass. */
  activePaths: ActivePaths;
  /** `$execution.state`. */
  state: JsonObject;
  /** `$nodes.<key>.context`, for nodes that set one. */
  nodeContexts: Map<string, JsonObject>;
  iterationCount: number;
  maxLoopIterations: number;
  /** Preparation data by node key. */
  preparation: JsonObject;
  /** Retained runs per node, latest first: one for non-loop nodes, two for loop nodes. */
  runs: NodeTable<NodeExecution[]>;
  engineError: EngineError | null;
  cancel: CancelRequest | null;
  /** The seq of the last event emitted; the next event gets seq + 1. */
  seq: number;
}
