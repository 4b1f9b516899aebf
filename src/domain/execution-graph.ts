import type { JsonObject } from './json.js';
import type { NodeSettings, WorkflowDefinition } from './workflow.js';

/** Where a node sits relative to loops. */
export type LoopRole = 'not_in_loop' | 'start_loop' | 'in_loop' | 'end_loop';

/** Loop metadata of one node. */
export interface LoopInfo {
  /** 0 outside loops, 1 inside (SCCs never overlap). */
  readonly level: 0 | 1;
  readonly role: LoopRole;
  /** `[]` or `["loop_<n>"]`. */
  readonly ids: readonly string[];
}

/** One kept connection of the graph, with its position in the definition. */
export interface Edge {
  readonly from: string;
  readonly fromPort: string;
  readonly to: string;
  readonly toPort: string;
  /** Index of the connection in the workflow definition. */
  readonly index: number;
  /** The `index` (definition position) of the source node: its slot in per-execution node tables. */
  readonly fromSlot: number;
  /** The `index` (definition position) of the target node. */
  readonly toSlot: number;
}

/**
 * One node of a compiled graph: everything the engine needs, precomputed and frozen. `Type` is the
 * node type it runs and `Plan` its parsed params; the domain leaves both open (the node contract binds
 * them: nodes/kit CompiledNode), so what only reads the graph's shape needs neither.
 */
export interface GraphNode<Type = unknown, Plan = unknown> {
  readonly key: string;
  readonly name: string;
  /** Position of the node in the workflow definition. */
  readonly index: number;
  readonly type: Type;
  /** The params as defined (frozen). */
  readonly params: JsonObject;
  /** The params parsed once. */
  readonly plan: Plan;
  /**
   * Validated params when the plan is constant and valid: the engine then skips rendering and
   * validation on every run. Null otherwise.
   */
  readonly constantParams: JsonObject | null;
  readonly settings: NodeSettings;
  readonly inputPorts: readonly string[];
  /** The valid output ports, or null when any valid port name is allowed (dynamic types). */
  readonly outputPorts: readonly string[] | null;
  readonly defaultPort: string | null;
  readonly loop: LoopInfo;
  /** Outgoing connections keyed by output port, in definition order. */
  readonly outgoing: ReadonlyMap<string, readonly Edge[]>;
  /** Incoming connections keyed by declared input port, in definition order. */
  readonly incoming: ReadonlyMap<string, readonly Edge[]>;
  /** The incoming connections of each declared input port, aligned with `inputPorts`. */
  readonly inputEdges: readonly (readonly Edge[])[];
  /** Output ports that have at least one connection. */
  readonly connectedPorts: ReadonlySet<string>;
  /**
   * True when a connection of this node ends on a wide input port (one with WIDE_PORT_EDGES or more
   * connections), whose latest contributor the engine tracks as completions are routed.
   */
  readonly feedsWidePort: boolean;
}

/** Input ports with this many incoming connections or more are wide (see GraphNode.feedsWidePort). */
export const WIDE_PORT_EDGES = 8;

/** One loop: an SCC with more than one node or a self-connection. */
export interface Loop {
  readonly id: string;
  /** Member keys sorted ascending. */
  readonly members: readonly string[];
}

/**
 * The immutable result of compiling a workflow. Built once, frozen, cached by
 * its content hash and shared by every execution of it; never copied into an execution.
 */
export interface ExecutionGraph<Type = unknown, Plan = unknown> {
  /** Lowercase hex SHA-256 of the canonical definition. */
  readonly id: string;
  readonly compilerVersion: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowVersion: number;
  readonly variables: JsonObject;
  /** The workflow's `settings.max_loop_iterations` override, or null. */
  readonly maxLoopIterations: number | null;
  readonly trigger: string;
  /** Reachable nodes, in definition order. */
  readonly nodes: ReadonlyMap<string, GraphNode<Type, Plan>>;
  /** Kept connections (reachable, valid, de-duplicated), in definition order. */
  readonly connections: readonly Edge[];
  readonly loops: readonly Loop[];
  /** The definition with defaults filled in, from which the graph can be rebuilt on any replica. */
  readonly definition: WorkflowDefinition;
}
