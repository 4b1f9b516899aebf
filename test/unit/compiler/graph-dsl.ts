import { digraph, type Digraph, type PortEdge } from '../../../src/compiler/digraph.js';

/** A small graph written as text, for tests that draw the graph as an ASCII diagram next to it. */
export interface DslGraph {
  readonly graph: Digraph;
  readonly keys: readonly string[];
  /** Position of a node key. */
  at(key: string): number;
  /** The edge with this text, e.g. `if.true -> x`. */
  edge(text: string): PortEdge;
}

function parseEnd(text: string): [string, string] {
  const [key, port] = text.trim().split('.');
  return [key as string, port ?? 'main'];
}

/**
 * Builds a digraph from node keys (space-separated, in definition order) and edges written
 * `from[.port] -> to[.port]` (ports default to `main`), numbered by their order.
 */
export function dsl(nodes: string, ...edges: string[]): DslGraph {
  const keys = nodes.split(/\s+/).filter((k) => k !== '');
  const at = (key: string): number => {
    const i = keys.indexOf(key);
    if (i < 0) throw new Error(`unknown node ${key}`);
    return i;
  };
  const list: PortEdge[] = edges.map((text, index) => {
    const [from, to] = text.split('->') as [string, string];
    const [fromKey, fromPort] = parseEnd(from);
    const [toKey, toPort] = parseEnd(to);
    return { from: at(fromKey), fromPort, to: at(toKey), toPort, index };
  });
  const graph = digraph(keys.length, list);
  return {
    graph,
    keys,
    at,
    edge(text) {
      const i = edges.findIndex((e) => e.replace(/\s+/g, '') === text.replace(/\s+/g, ''));
      if (i < 0) throw new Error(`unknown edge ${text}`);
      return list[i] as PortEdge;
    },
  };
}

/** A chain n0 -> n1 -> ... -> n(size-1), optionally closed into a cycle. */
export function chain(size: number, closed = false): Digraph {
  const edges: PortEdge[] = [];
  for (let i = 0; i + 1 < size; i++) edges.push({ from: i, fromPort: 'main', to: i + 1, toPort: 'main', index: i });
  if (closed) edges.push({ from: size - 1, fromPort: 'main', to: 0, toPort: 'main', index: size - 1 });
  return digraph(size, edges);
}
