import { digraph, type Digraph, type PortEdge } from './digraph.js';
import { reachableFrom } from './reachability.js';

/** The graph after pruning, re-indexed: pruned index i is definition position `positions[i]`. */
export interface PrunedGraph {
  /** Definition positions of the kept nodes, ascending. */
  readonly positions: readonly number[];
  readonly graph: Digraph;
  /** Pruned index of the trigger. */
  readonly trigger: number;
  /** Definition positions of the eligible nodes the trigger does not reach, ascending. */
  readonly unreachable: readonly number[];
}

/**
 * Follows every edge on every port (including "error") from the trigger and keeps only what it
 * reaches: unreached nodes and every edge that leaves or enters them are dropped. `eligible` marks
 * the definition positions that take part at all (later duplicates of a key do not).
 */
export function pruneUnreachable(size: number, edges: readonly PortEdge[], trigger: number, eligible: readonly boolean[]): PrunedGraph {
  const full = digraph(size, edges);
  const reached = reachableFrom(full.successors, [trigger]);
  const positions: number[] = [];
  const unreachable: number[] = [];
  const indexOf = new Int32Array(size).fill(-1);
  for (let p = 0; p < size; p++) {
    if (reached[p] === 1) {
      indexOf[p] = positions.length;
      positions.push(p);
    } else if (eligible[p] === true) unreachable.push(p);
  }
  const kept: PortEdge[] = [];
  for (const edge of edges) {
    if (reached[edge.from] !== 1) continue;
    kept.push({ ...edge, from: indexOf[edge.from] as number, to: indexOf[edge.to] as number });
  }
  return { positions, graph: digraph(positions.length, kept), trigger: indexOf[trigger] as number, unreachable };
}
