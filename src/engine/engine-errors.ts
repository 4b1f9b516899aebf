import type { Execution } from '../domain/execution.js';
import type { EngineError } from '../domain/node-error.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import { unsatisfiedPorts } from './readiness.js';

/** The `no_ready_nodes` engine error, naming every waiting node and what blocks it. */
export function noReadyNodes(execution: Execution, graph: CompiledGraph): EngineError {
  const waiting = [...execution.frontier.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, depth]) => {
      const node = graph.nodes.get(key);
      return { node_key: key, depth, unsatisfied_ports: node === undefined ? [] : unsatisfiedPorts(execution, node) };
    });
  const completed = [...execution.runs.keys()].sort();
  return {
    type: 'no_ready_nodes',
    message: 'No ready nodes found but workflow is not complete',
    waiting_nodes: waiting,
    completed_nodes: completed,
  };
}

/** The `infinite_loop_protection` engine error. */
export function infiniteLoop(execution: Execution, node: CompiledNode): EngineError {
  return {
    type: 'infinite_loop_protection',
    message: `Workflow execution exceeded maximum loop iterations (${execution.maxLoopIterations})`,
    iteration_count: execution.iterationCount,
    max_iterations: execution.maxLoopIterations,
    node_key: node.key,
    loop_ids: node.loop.ids,
  };
}

/** An unexpected engine fault. */
export function internalError(message: string): EngineError {
  return { type: 'internal_error', message };
}
