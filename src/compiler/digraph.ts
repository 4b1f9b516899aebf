/** One connection between two node positions, with its ports and its index in the definition. */
export interface PortEdge {
  readonly from: number;
  readonly fromPort: string;
  readonly to: number;
  readonly toPort: string;
  /** Index of the connection in the workflow definition. */
  readonly index: number;
}

/**
 * A directed multigraph over node positions 0..size-1 with ported edges: the shape every graph
 * analysis of the compiler runs on (reachability, SCCs, dominators, branch analysis).
 */
export interface Digraph {
  readonly size: number;
  /** All edges, in definition order. */
  readonly edges: readonly PortEdge[];
  /** Edges leaving each node, in definition order. */
  readonly outgoing: readonly (readonly PortEdge[])[];
  /** Edges entering each node, in definition order. */
  readonly incoming: readonly (readonly PortEdge[])[];
  /** Distinct successor positions of each node, in order of first edge. */
  readonly successors: readonly (readonly number[])[];
}

/** Builds a digraph from edges whose endpoints lie in 0..size-1. */
export function digraph(size: number, edges: readonly PortEdge[]): Digraph {
  const outgoing: PortEdge[][] = Array.from({ length: size }, () => []);
  const incoming: PortEdge[][] = Array.from({ length: size }, () => []);
  const successors: number[][] = Array.from({ length: size }, () => []);
  const seen: Set<number>[] = Array.from({ length: size }, () => new Set());
  for (const edge of edges) {
    (outgoing[edge.from] as PortEdge[]).push(edge);
    (incoming[edge.to] as PortEdge[]).push(edge);
    const targets = seen[edge.from] as Set<number>;
    if (!targets.has(edge.to)) {
      targets.add(edge.to);
      (successors[edge.from] as number[]).push(edge.to);
    }
  }
  return { size, edges, outgoing, incoming, successors };
}
