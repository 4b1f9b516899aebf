import type { Execution } from '../domain/execution.js';
import type { GraphNode } from '../compiler/execution-graph.js';

/**
 * Routes a completed run (SEMANTICS.md §3.8): removes the node from the frontier, schedules the
 * targets of the emitted port's connections at depth execution_index + 1, then updates active
 * paths (§5.2).
 */
export function route(execution: Execution, node: GraphNode, port: string, executionIndex: number): void {
  execution.frontier.delete(node.key);
  const edges = node.outgoing.get(port);
  if (edges !== undefined) {
    for (const edge of edges) execution.frontier.set(edge.to, executionIndex + 1);
  }
  updateActivePaths(execution, node.key, executionIndex);
}

/**
 * §5.2: a node completing again forgets every entry recorded after its previous completion. Entries
 * are kept in increasing index order (completions happen in execution_index order), so the ones to
 * forget are exactly those after the node's own entry.
 */
function updateActivePaths(execution: Execution, key: string, executionIndex: number): void {
  const paths = execution.activePaths;
  const prev = paths.get(key);
  if (prev !== undefined) {
    for (const [other, index] of paths) {
      if (index > prev) paths.delete(other);
    }
  }
  paths.set(key, executionIndex);
}
