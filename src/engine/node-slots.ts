import { NodeSlots } from '../domain/node-table.js';
import type { ExecutionGraph } from '../compiler/execution-graph.js';

const cache = new WeakMap<ExecutionGraph, NodeSlots>();

/** The node slots of a graph: each node's slot is its position in the workflow definition. */
export function nodeSlotsOf(graph: ExecutionGraph): NodeSlots {
  let slots = cache.get(graph);
  if (slots === undefined) {
    const keys: (string | undefined)[] = [];
    for (const node of graph.nodes.values()) {
      while (keys.length <= node.index) keys.push(undefined);
      keys[node.index] = node.key;
    }
    slots = new NodeSlots(keys);
    cache.set(graph, slots);
  }
  return slots;
}
