import type { Execution, NodeExecution } from '../domain/execution.js';
import type { Json, JsonObject } from '../domain/json.js';
import { WIDE_PORT_EDGES, type Edge } from '../domain/execution-graph.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';
import { hintedContributor, rememberContributor } from './port-hints.js';

const EMPTY: JsonObject = Object.freeze({});

/**
 * Builds `$input` for a run of `node`: per declared input port, the output of
 * the contributing source with the highest execution_index; ports without data are omitted.
 * `continuing` is true for retries and resumptions: the node's own current run then does not count
 * as its latest run, its previous run does (this matters only for self-connections).
 */
export function assembleInput(execution: Execution, node: CompiledNode, continuing: boolean): JsonObject {
  let input: Record<string, Json> | undefined;
  const ports = node.inputPorts;
  for (let p = 0; p < ports.length; p++) {
    const edges = node.inputEdges[p] as readonly Edge[];
    if (edges.length === 0) continue;
    const wide = !continuing && edges.length >= WIDE_PORT_EDGES;
    let best = wide ? hintedContributor(execution, edges) : undefined;
    if (best === undefined) {
      best = scanPort(execution, node, edges, continuing);
      if (wide && best !== undefined) rememberContributor(execution, edges, best);
    }
    if (best === undefined || best.output === null) continue;
    if (input === undefined) input = {};
    input[ports[p] as string] = best.output;
  }
  return input ?? EMPTY;
}

/** The contributing source run of a port with the highest execution_index, by looking at every source. */
function scanPort(execution: Execution, node: CompiledNode, edges: readonly Edge[], continuing: boolean): NodeExecution | undefined {
  let best: NodeExecution | undefined;
  for (const edge of edges) {
    const runs = execution.runs.at(edge.fromSlot);
    if (runs === undefined) continue;
    const run = continuing && edge.from === node.key ? runs[1] : runs[0];
    if (run === undefined || run.status !== 'completed' || run.outputPort !== edge.fromPort) continue;
    if (best === undefined || run.executionIndex > best.executionIndex) best = run;
  }
  return best;
}

/** `$input` of the trigger: `{"main": <start input>}`, or `{}` when the start input is null. */
export function triggerInput(execution: Execution): JsonObject {
  return execution.input === null ? EMPTY : { main: execution.input };
}
