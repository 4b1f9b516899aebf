import type { Execution } from '../domain/execution.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';

/**
 * Routes a completed run: removes the node from the frontier, schedules the
 * targets of the emitted port's connections at depth execution_index + 1, then updates active
 * paths.
 */
export function route(execution: Execution, node: CompiledNode, port: string, executionIndex: number): void {
  const frontier = execution.frontier;
  frontier.deleteAt(node.index);
  const edges = node.outgoing.get(port);
  if (edges !== undefined) {
    for (const edge of edges) frontier.setAt(edge.toSlot, executionIndex + 1);
  }
  execution.activePaths.complete(node.index, executionIndex);
}
