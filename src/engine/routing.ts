import type { Execution, NodeExecution } from '../domain/execution.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import { noteRouted } from './port-hints.js';

/**
 * Routes a completed run: removes the node from the frontier, schedules the
 * targets of the emitted port's connections at depth execution_index + 1, then updates active
 * paths.
 */
export function route(execution: Execution, graph: CompiledGraph, node: CompiledNode, port: string, run: NodeExecution): void {
  const frontier = execution.frontier;
  const executionIndex = run.executionIndex;
  frontier.deleteAt(node.index);
  const edges = node.outgoing.get(port);
  if (edges !== undefined) {
    for (const edge of edges) frontier.setAt(edge.toSlot, executionIndex + 1);
    if (node.feedsWidePort) noteRouted(execution, graph, edges, run);
  }
  execution.activePaths.complete(node.index, executionIndex);
}
