import type { ExecutionGraph } from '../../domain/execution-graph.js';
import type { GraphFacts } from './execution-codec.js';
import { nodeSlotsOf } from '../../engine/index.js';

const cache = new WeakMap<ExecutionGraph, GraphFacts>();

/** The codec facts of a compiled graph (constant params and default ports by slot). */
export function graphFacts(graph: ExecutionGraph): GraphFacts {
  let facts = cache.get(graph);
  if (facts === undefined) {
    const slots = nodeSlotsOf(graph);
    const nodes = slots.keys.map((key) => (key === undefined ? undefined : graph.nodes.get(key)));
    facts = {
      slots,
      constantParams: nodes.map((node) => node?.constantParams ?? null),
      defaultPorts: nodes.map((node) => node?.defaultPort ?? null),
    };
    cache.set(graph, facts);
  }
  return facts;
}

/** Resolves the facts of a graph by id, from a cache or a store. */
export type FactsResolver = (graphId: string) => GraphFacts | Promise<GraphFacts>;
