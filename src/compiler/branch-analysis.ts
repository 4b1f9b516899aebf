import { activationPorts, type PortReachCache } from './activation-ports.js';
import type { Digraph, PortEdge } from './digraph.js';
import { nearestCommonDominator, type DominatorTree } from './dominators.js';

/** A graph shape the execution semantics warns about, found at node position `node`. */
export type BranchWarning =
  | { readonly kind: 'parallel_join'; readonly node: number; readonly port: string; readonly first: PortEdge; readonly second: PortEdge }
  | { readonly kind: 'exclusive_branches'; readonly node: number; readonly port: string; readonly otherPort: string };

/** What branch analysis needs besides the graph: dominators from the trigger and SCC labels. */
export interface BranchAnalysisInput {
  readonly graph: Digraph;
  readonly dominators: DominatorTree;
  readonly componentOf: Int32Array;
  /** Declared input ports of the node at a position, in declaration order. */
  readonly inputPortsOf: (node: number) => readonly string[];
}

/** True when one run of the nearest common dominator of both sources can trigger both connections. */
export function areParallel(input: BranchAnalysisInput, c1: PortEdge, c2: PortEdge, cache: PortReachCache = new Map()): boolean {
  const d = nearestCommonDominator(input.dominators, c1.from, c2.from);
  const a1 = activationPorts(input.graph, d, c1, cache);
  if (a1.size === 0) return false;
  for (const port of activationPorts(input.graph, d, c2, cache)) if (a1.has(port)) return true;
  return false;
}

/** Entry connections of a node (source outside its SCC), grouped by input port in declaration order. */
export function entryConnectionsByPort(input: BranchAnalysisInput, node: number): Map<string, PortEdge[]> {
  const byPort = new Map<string, PortEdge[]>();
  for (const port of input.inputPortsOf(node)) byPort.set(port, []);
  for (const edge of input.graph.incoming[node] as readonly PortEdge[]) {
    if (input.componentOf[edge.from] === input.componentOf[node]) continue;
    const list = byPort.get(edge.toPort);
    if (list === undefined) byPort.set(edge.toPort, [edge]);
    else list.push(edge);
  }
  for (const [port, list] of byPort) if (list.length === 0) byPort.delete(port);
  return byPort;
}

/**
 * Runs the two detection rules of the execution semantics over every node, in position order:
 * `parallel_join` for the first parallel pair (in definition order) of entry connections into one
 * port; `exclusive_branches` for each pair of ports (declaration order) whose entry connections are
 * pairwise exclusive.
 */
export function analyzeBranches(input: BranchAnalysisInput): BranchWarning[] {
  const warnings: BranchWarning[] = [];
  const cache: PortReachCache = new Map();
  for (let node = 0; node < input.graph.size; node++) {
    const byPort = entryConnectionsByPort(input, node);
    for (const [port, entries] of byPort) {
      const pair = firstParallelPair(input, entries, cache);
      if (pair !== null) warnings.push({ kind: 'parallel_join', node, port, first: pair[0], second: pair[1] });
    }
    const ports = [...byPort.keys()];
    for (let i = 0; i < ports.length; i++) {
      for (let j = i + 1; j < ports.length; j++) {
        const x = ports[i] as string;
        const y = ports[j] as string;
        if (allExclusive(input, byPort.get(x) as PortEdge[], byPort.get(y) as PortEdge[], cache)) {
          warnings.push({ kind: 'exclusive_branches', node, port: x, otherPort: y });
        }
      }
    }
  }
  return warnings;
}

function firstParallelPair(input: BranchAnalysisInput, entries: readonly PortEdge[], cache: PortReachCache): [PortEdge, PortEdge] | null {
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const c1 = entries[i] as PortEdge;
      const c2 = entries[j] as PortEdge;
      if (areParallel(input, c1, c2, cache)) return [c1, c2];
    }
  }
  return null;
}

function allExclusive(input: BranchAnalysisInput, xs: readonly PortEdge[], ys: readonly PortEdge[], cache: PortReachCache): boolean {
  for (const c1 of xs) for (const c2 of ys) if (areParallel(input, c1, c2, cache)) return false;
  return true;
}
