import type { Execution } from '../domain/execution.js';
import type { Json } from '../domain/json.js';
import type { Suspension } from '../domain/suspension.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import { currentSuspension, executionError, finalOutput } from '../engine/index.js';

/** An execution with what is derived from it (never stored twice, the execution semantics), for answers. */
export interface ExecutionView {
  readonly execution: Execution;
  readonly output: Json | undefined;
  readonly error: Json | undefined;
  readonly suspension: Suspension | undefined;
  /** The node type of a node key (NodeExecution.node_type). */
  nodeType(nodeKey: string): string;
}

/** Builds the view of an execution. */
export function viewOf(execution: Execution, graph: CompiledGraph | null): ExecutionView {
  return {
    execution,
    output: finalOutput(execution),
    error: executionError(execution),
    suspension: currentSuspension(execution),
    nodeType: (key) => graph?.nodes.get(key)?.type.type ?? '',
  };
}
