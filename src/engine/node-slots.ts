import { NodeSlots } from '../domain/node-table.js';
import type { ExecutionGraph } from '../domain/execution-graph.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';

const cache = new WeakMap<ExecutionGraph, NodeSlots>();

/** The node slots of a graph (its shape is enough): each node's slot is its position in the workflow definition. */
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

const nodesBySlot = new WeakMap<CompiledGraph, readonly (CompiledNode | undefined)[]>();

/** The graph's nodes by slot (definition position), for lookups without hashing. */
export function graphNodesBySlot(graph: CompiledGraph): readonly (CompiledNode | undefined)[] {
  let list = nodesBySlot.get(graph);
  if (list === undefined) {
    const array: (CompiledNode | undefined)[] = [];
    for (const node of graph.nodes.values()) array[node.index] = node;
    list = array;
    nodesBySlot.set(graph, list);
  }
  return list;
}
