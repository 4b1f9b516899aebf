import type { Execution, NodeExecution } from '../domain/execution.js';
import { WIDE_PORT_EDGES, type Edge } from '../domain/execution-graph.js';
import type { NodeTable } from '../domain/node-table.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import { graphNodesBySlot } from './node-slots.js';

/**
 * Input ports with many incoming connections (a merge after a wide fan-out) remember their latest
 * contributing run, so assembling `$input` does not rescan every connection on each run.
 *
 * The hint of a port is the result of its last scan, moved forward by every completion routed to
 * the port afterwards (every completion routes). While the hinted run is still its node's latest run
 * and completed, no other source can beat it; once it is not (its node ran again), the hint is
 * dropped and the port is scanned once more. Hints live beside the execution's run table, never in the
 * stored document: a reloaded execution scans once per port.
 */
const hintsByRuns = new WeakMap<NodeTable<NodeExecution[]>, Map<readonly Edge[], NodeExecution>>();

/** Records a completed run routed along `edges` (the connections of the port it completed on). */
export function noteRouted(execution: Execution, graph: CompiledGraph, edges: readonly Edge[], run: NodeExecution): void {
  // Only ports scanned before have hints: none yet, nothing to move forward.
  const hints = hintsByRuns.get(execution.runs);
  if (hints === undefined) return;
  const nodes = graphNodesBySlot(graph);
  for (const edge of edges) {
    const target = nodes[edge.toSlot];
    const port = target?.inputEdges[target.inputPorts.indexOf(edge.toPort)];
    if (port === undefined || port.length < WIDE_PORT_EDGES) continue;
    const hint = hints.get(port);
    if (hint === undefined) continue;
    // A hint that went stale cannot say which older source now leads: the port is scanned next time.
    if (isCurrent(execution, hint) && hint.executionIndex < run.executionIndex) hints.set(port, run);
    else if (hint !== run) hints.delete(port);
  }
}

/** The latest contributing run of a wide port, or undefined when the port must be scanned. */
export function hintedContributor(execution: Execution, port: readonly Edge[]): NodeExecution | undefined {
  const hint = hintsByRuns.get(execution.runs)?.get(port);
  return hint !== undefined && isCurrent(execution, hint) ? hint : undefined;
}

/** Remembers the result of a scan of a wide port. */
export function rememberContributor(execution: Execution, port: readonly Edge[], run: NodeExecution): void {
  hintsOf(execution).set(port, run);
}

function hintsOf(execution: Execution): Map<readonly Edge[], NodeExecution> {
  let hints = hintsByRuns.get(execution.runs);
  if (hints === undefined) {
    hints = new Map();
    hintsByRuns.set(execution.runs, hints);
  }
  return hints;
}

/** True while the run is its node's latest run and still completed. */
function isCurrent(execution: Execution, run: NodeExecution): boolean {
  return run.status === 'completed' && execution.runs.get(run.nodeKey)?.[0] === run;
}
