import type { JsonObject } from '../domain/json.js';
import type { NodeDefinition, NodeSettings, WorkflowDefinition } from '../domain/workflow.js';
import type { ParamsPlan } from '../expressions/index.js';
import type { NodeType } from '../nodes/kit/node-type.js';
import { WIDE_PORT_EDGES, type Edge } from '../domain/execution-graph.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import { frozenMap, frozenSet } from './frozen.js';
import type { LoopAnalysis } from './loops.js';
import type { PrunedGraph } from './pruning.js';

/** What compilation learned about one node that the graph keeps. */
export interface NodeCompilation {
  readonly type: NodeType;
  readonly plan: ParamsPlan;
  /** Valid output ports besides "error", or null for any valid name. */
  readonly outputPorts: readonly string[] | null;
  readonly settings: NodeSettings;
  /** Validated params of a constant plan, so the engine skips render and validate on every run. */
  readonly constantParams: JsonObject | null;
}

/** Everything the graph is assembled from, once every check has passed. */
export interface GraphParts {
  readonly id: string;
  readonly compilerVersion: string;
  /** The definition with defaults, deep-frozen. */
  readonly definition: WorkflowDefinition;
  /** Per definition position. */
  readonly nodes: readonly NodeCompilation[];
  readonly pruned: PrunedGraph;
  readonly loops: LoopAnalysis;
}

/**
 * Assembles the immutable graph of the execution semantics from the pruned graph: reachable nodes in
 * definition order with their precompiled params, settings, ports and loop info; outgoing edges by
 * output port and incoming edges by declared input port, both in definition order.
 */
export function buildGraph(parts: GraphParts): CompiledGraph {
  const { definition, pruned } = parts;
  const keyAt = (i: number): string => (definition.nodes[pruned.positions[i] as number] as NodeDefinition).key;
  const edges: Edge[] = pruned.graph.edges.map((e) =>
    Object.freeze({
      from: keyAt(e.from),
      fromPort: e.fromPort,
      to: keyAt(e.to),
      toPort: e.toPort,
      index: e.index,
      fromSlot: pruned.positions[e.from] as number,
      toSlot: pruned.positions[e.to] as number,
    }),
  );
  const outgoing: Map<string, Edge[]>[] = pruned.positions.map(() => new Map());
  const incoming: Map<string, Edge[]>[] = pruned.positions.map((p) => new Map(parts.nodes[p]?.type.inputPorts.map((port) => [port, []])));
  pruned.graph.edges.forEach((e, i) => {
    const edge = edges[i] as Edge;
    pushTo(outgoing[e.from] as Map<string, Edge[]>, e.fromPort, edge);
    pushTo(incoming[e.to] as Map<string, Edge[]>, e.toPort, edge);
  });

  const feedsWide: boolean[] = [];
  for (const e of pruned.graph.edges) if (((incoming[e.to] as Map<string, Edge[]>).get(e.toPort)?.length ?? 0) >= WIDE_PORT_EDGES) feedsWide[e.from] = true;

  const nodes = new Map<string, CompiledNode>();
  pruned.positions.forEach((position, i) => {
    const node = definition.nodes[position] as NodeDefinition;
    const compiled = parts.nodes[position] as NodeCompilation;
    const out = outgoing[i] as Map<string, Edge[]>;
    const into = incoming[i] as Map<string, Edge[]>;
    nodes.set(
      node.key,
      Object.freeze({
        key: node.key,
        name: node.name ?? '',
        index: position,
        type: compiled.type,
        // withDefaults made params a frozen object.
        params: node.params as JsonObject,
        plan: compiled.plan,
        constantParams: compiled.constantParams,
        settings: compiled.settings,
        inputPorts: frozenPorts(compiled.type.inputPorts),
        outputPorts: compiled.outputPorts === null ? null : frozenPorts(compiled.outputPorts),
        defaultPort: compiled.type.defaultPort,
        loop: parts.loops.info[i] as CompiledNode['loop'],
        outgoing: frozenEdgeMap(out),
        incoming: frozenEdgeMap(into),
        // The lists frozenEdgeMap froze, shared (a port without connections has the one empty list).
        inputEdges: Object.freeze(compiled.type.inputPorts.map((port) => into.get(port) ?? NO_EDGES)),
        connectedPorts: out.size === 0 ? NO_PORTS : frozenSet(out.keys()),
        feedsWidePort: feedsWide[i] === true,
      }),
    );
  });

  const maxLoopIterations = definition.settings?.maxLoopIterations;
  return Object.freeze({
    id: parts.id,
    compilerVersion: parts.compilerVersion,
    workflowId: definition.id,
    workflowName: definition.name,
    workflowVersion: definition.version ?? 1,
    variables: (definition.variables ?? {}) as JsonObject,
    maxLoopIterations: maxLoopIterations === undefined ? null : maxLoopIterations,
    trigger: keyAt(pruned.trigger),
    nodes: frozenMap(nodes),
    connections: Object.freeze(edges),
    loops: Object.freeze([...parts.loops.loops]),
    definition,
  });
}

function pushTo(map: Map<string, Edge[]>, port: string, edge: Edge): void {
  const list = map.get(port);
  if (list === undefined) map.set(port, [edge]);
  else list.push(edge);
}

function frozenEdgeMap(map: Map<string, Edge[]>): ReadonlyMap<string, readonly Edge[]> {
  if (map.size === 0) return NO_EDGE_MAP;
  for (const list of map.values()) Object.freeze(list);
  return frozenMap(map);
}

/** What every node without connections (on a port, or at all) shares. */
const NO_EDGES: readonly Edge[] = Object.freeze([]);
const NO_EDGE_MAP: ReadonlyMap<string, readonly Edge[]> = frozenMap([]);
const NO_PORTS: ReadonlySet<string> = frozenSet([]);

/** Frozen port lists, shared by every node whose list is the same array (a node type's own, mostly). */
const sharedPorts = new WeakMap<readonly string[], readonly string[]>();

function frozenPorts(ports: readonly string[]): readonly string[] {
  let frozen = sharedPorts.get(ports);
  if (frozen === undefined) {
    frozen = Object.freeze([...ports]);
    sharedPorts.set(ports, frozen);
  }
  return frozen;
}
