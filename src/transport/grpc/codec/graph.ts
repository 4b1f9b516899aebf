import type { PranaApp } from '../../../app/prana-app.js';
import type { NodeSettings as DomainNodeSettings } from '../../../domain/workflow.js';
import { LoopRole, type ExecutionGraph, type GraphNode, type LoopInfo } from '../../../gen/prana/v1/graph.js';
import type { NodeSettings } from '../../../gen/prana/v1/workflow.js';
import { encodeInt64 } from './int64.js';
import { encodeStruct } from './json.js';
import { encodeOnError } from './workflow.js';

/** The compiled graph as the application hands it out (transport never imports the compiler). */
export type CompiledGraph = Awaited<ReturnType<PranaApp['getWorkflowGraph']>>;

/** One node of a compiled graph. */
type CompiledNode = CompiledGraph['nodes'] extends ReadonlyMap<string, infer Node> ? Node : never;

/** Encodes a compiled graph as prana.v1.ExecutionGraph: nodes and connections in definition order. */
export function encodeGraph(graph: CompiledGraph): ExecutionGraph {
  return {
    id: graph.id,
    workflowId: graph.workflowId,
    workflowVersion: graph.workflowVersion,
    workflowName: graph.workflowName,
    triggerKey: graph.trigger,
    variables: encodeStruct(graph.variables),
    maxLoopIterations: graph.maxLoopIterations ?? undefined,
    nodes: [...graph.nodes.values()].sort((a, b) => a.index - b.index).map(encodeGraphNode),
    connections: graph.connections.map((edge) => ({ fromNode: edge.from, fromPort: edge.fromPort, toNode: edge.to, toPort: edge.toPort })),
    compilerVersion: graph.compilerVersion,
  };
}

/** Encodes one compiled node with its filled-in settings, ports and loop metadata. */
function encodeGraphNode(node: CompiledNode): GraphNode {
  return {
    key: node.key,
    name: node.name,
    type: node.type.type,
    params: encodeStruct(node.params),
    settings: encodeNodeSettings(node.settings),
    inputPorts: [...node.inputPorts],
    outputPorts: [...(node.outputPorts ?? node.type.outputPorts)],
    dynamicOutputPorts: node.outputPorts === null,
    defaultPort: node.defaultPort ?? '',
    loop: encodeLoopInfo(node.loop),
  };
}

/** Encodes settings with every default filled in: every optional field is set. */
function encodeNodeSettings(settings: DomainNodeSettings): NodeSettings {
  return {
    onError: encodeOnError(settings.onError),
    retryOnFailed: settings.retryOnFailed,
    maxRetries: settings.maxRetries,
    retryDelayMs: encodeInt64(settings.retryDelayMs),
    retryBackoff: settings.retryBackoff,
    retryMaxDelayMs: encodeInt64(settings.retryMaxDelayMs),
  };
}

/** Encodes a node's loop metadata. */
function encodeLoopInfo(loop: CompiledNode['loop']): LoopInfo {
  return { level: loop.level, role: encodeLoopRole(loop.role), loopIds: [...loop.ids] };
}

/** Encodes a loop role as prana.v1.LoopRole. */
function encodeLoopRole(role: CompiledNode['loop']['role']): LoopRole {
  switch (role) {
    case 'not_in_loop':
      return LoopRole.LOOP_ROLE_NOT_IN_LOOP;
    case 'start_loop':
      return LoopRole.LOOP_ROLE_START_LOOP;
    case 'in_loop':
      return LoopRole.LOOP_ROLE_IN_LOOP;
    case 'end_loop':
      return LoopRole.LOOP_ROLE_END_LOOP;
  }
}
