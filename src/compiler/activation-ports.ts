import type { Digraph, PortEdge } from './digraph.js';
import { reachableFrom } from './reachability.js';

/**
 * For each dominator D already asked about: per output port p of D, the nodes reached from the
 * targets of D.p without passing through D again. Reused across the pairs of one compilation.
 */
export type PortReachCache = Map<number, ReadonlyMap<string, Uint8Array>>;

function portReach(graph: Digraph, d: number, cache: PortReachCache): ReadonlyMap<string, Uint8Array> {
  const cached = cache.get(d);
  if (cached !== undefined) return cached;
  const targetsByPort = new Map<string, number[]>();
  for (const edge of graph.outgoing[d] as readonly PortEdge[]) {
    const list = targetsByPort.get(edge.fromPort);
    if (list === undefined) targetsByPort.set(edge.fromPort, [edge.to]);
    else list.push(edge.to);
  }
  const reach = new Map<string, Uint8Array>();
  for (const [port, targets] of targetsByPort) reach.set(port, reachableFrom(graph.successors, targets, d));
  cache.set(d, reach);
  return reach;
}

/**
 * The activation ports of a connection at node D (SEMANTICS.md §2.7): `{o}` when the connection
 * leaves D itself on port o; otherwise the output ports p of D with some D.p -> u where u is the
 * connection's source or reaches it without passing through D again.
 */
export function activationPorts(graph: Digraph, d: number, edge: PortEdge, cache: PortReachCache = new Map()): ReadonlySet<string> {
  if (edge.from === d) return new Set([edge.fromPort]);
  const ports = new Set<string>();
  for (const [port, reached] of portReach(graph, d, cache)) if (reached[edge.from] === 1) ports.add(port);
  return ports;
}
