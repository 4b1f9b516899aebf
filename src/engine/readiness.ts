import type { Execution } from '../domain/execution.js';
import type { Edge } from '../domain/execution-graph.js';
import type { FrontierQueue } from '../domain/frontier-queue.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import { graphNodesBySlot } from './node-slots.js';

/**
 * True when every declared input port with incoming connections has at least one source whose
 * latest run completed, on any port: AND across ports, OR within a port.
 */
export function isReady(execution: Execution, node: CompiledNode): boolean {
  const inputs = node.inputEdges;
  for (let p = 0; p < inputs.length; p++) {
    const edges = inputs[p] as readonly Edge[];
    if (edges.length > 0 && !portSatisfied(execution, edges)) return false;
  }
  return true;
}

/** The declared input ports of `node` that block it, in declaration order. */
export function unsatisfiedPorts(execution: Execution, node: CompiledNode): string[] {
  const out: string[] = [];
  for (const port of node.inputPorts) {
    const edges = node.incoming.get(port);
    if (edges !== undefined && edges.length > 0 && !portSatisfied(execution, edges)) out.push(port);
  }
  return out;
}

function portSatisfied(execution: Execution, edges: readonly Edge[]): boolean {
  for (const edge of edges) {
    const runs = execution.runs.at(edge.fromSlot);
    if (runs !== undefined && runs[0] !== undefined && runs[0].status === 'completed') return true;
  }
  return false;
}

/**
 * Picks the next node: among ready frontier nodes, the highest depth; ties go
 * to the smallest key by code unit. Returns undefined when no frontier node is ready.
 */
export function selectNext(execution: Execution, graph: CompiledGraph): CompiledNode | undefined {
  const frontier = execution.frontier;
  const nodes = graphNodesBySlot(graph);
  const queue = frontier.queue;
  if (queue !== null) return firstReadyQueued(execution, queue, nodes);
  const members = frontier.memberSlots;
  let best: CompiledNode | undefined;
  let bestDepth = -1;
  for (let i = 0; i < members.length; i++) {
    const slot = members[i] as number;
    const depth = frontier.depthAt(slot);
    const node = nodes[slot];
    if (node === undefined || depth < bestDepth || (depth === bestDepth && best !== undefined && node.key > best.key)) continue;
    if (!isReady(execution, node)) continue;
    best = node;
    bestDepth = depth;
  }
  return best;
}

/** selectNext on a wide frontier: the queue yields candidates in selection order. */
function firstReadyQueued(execution: Execution, queue: FrontierQueue, nodes: readonly (CompiledNode | undefined)[]): CompiledNode | undefined {
  const slot = queue.first((s) => isReady(execution, nodes[s] as CompiledNode));
  return slot < 0 ? undefined : nodes[slot];
}
