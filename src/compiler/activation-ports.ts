import type { Digraph, PortEdge } from './digraph.js';
import { reachableFrom } from './reachability.js';

/** What is known about one dominator D: per output port, what its branch reaches; per connection, its activation ports. */
interface DominatorEntry {
  /** Per output port p of D: the nodes reached from the targets of D.p without passing through D again. */
  readonly reach: ReadonlyMap<string, Uint8Array>;
  /** Activation ports at D, by connection index. */
  readonly activation: Map<number, ReadonlySet<string>>;
}

/** Memo of activation-port work per dominator, reused across the pairs of one compilation. */
export type PortReachCache = Map<number, DominatorEntry>;

function entryFor(graph: Digraph, d: number, cache: PortReachCache): DominatorEntry {
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
  const entry: DominatorEntry = { reach, activation: new Map() };
  cache.set(d, entry);
  return entry;
}

/**
 * The activation ports of a connection at node D: `{o}` when the connection
 * leaves D itself on port o; otherwise the output ports p of D with some D.p -> u where u is the
 * connection's source or reaches it without passing through D again.
 */
export function activationPorts(graph: Digraph, d: number, edge: PortEdge, cache: PortReachCache = new Map()): ReadonlySet<string> {
  if (edge.from === d) return new Set([edge.fromPort]);
  const entry = entryFor(graph, d, cache);
  const known = entry.activation.get(edge.index);
  if (known !== undefined) return known;
  const ports = new Set<string>();
  for (const [port, reached] of entry.reach) if (reached[edge.from] === 1) ports.add(port);
  entry.activation.set(edge.index, ports);
  return ports;
}
