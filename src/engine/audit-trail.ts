import type { Execution, NodeExecution } from '../domain/execution.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';

/** The node's latest retained run, or undefined when it never ran. */
export function latestRun(execution: Execution, nodeKey: string): NodeExecution | undefined {
  const runs = execution.runs.get(nodeKey);
  return runs === undefined ? undefined : runs[0];
}

/** The latest retained run of a graph node, found by its slot. */
export function latestRunOf(execution: Execution, node: CompiledNode): NodeExecution | undefined {
  const runs = execution.runs.at(node.index);
  return runs === undefined ? undefined : runs[0];
}

/**
 * Records a new run: non-loop nodes keep only their latest run, loop nodes their latest two,
 * latest first. Returns true when a completed run stopped being the latest retained one, which
 * changes what `$nodes` shows.
 */
export function pushRun(execution: Execution, node: CompiledNode, run: NodeExecution): boolean {
  const runs = execution.runs.at(node.index);
  if (runs === undefined) {
    execution.runs.setAt(node.index, [run]);
    return false;
  }
  const hidden = (runs[0] as NodeExecution).status === 'completed' || (runs.length > 1 && (runs[1] as NodeExecution).status === 'completed');
  if (node.loop.level === 0) runs[0] = run;
  else if (runs.length === 1) runs.unshift(run);
  else {
    runs[1] = runs[0] as NodeExecution;
    runs[0] = run;
  }
  return hidden;
}

/** Replaces the latest run in place: retries and resumptions update their run. */
export function replaceLatestRun(execution: Execution, node: CompiledNode, run: NodeExecution): void {
  const runs = execution.runs.at(node.index);
  if (runs === undefined || runs[0] === undefined || runs[0].runIndex !== run.runIndex) {
    throw new Error(`no current run ${run.nodeKey} r${run.runIndex} to replace`);
  }
  runs[0] = run;
}

/** The run currently running or suspended, if any: the one the execution waits on. */
export function currentRun(execution: Execution): NodeExecution | undefined {
  let found: NodeExecution | undefined;
  for (const runs of execution.runs.values()) {
    const run = runs[0];
    if (run !== undefined && (run.status === 'running' || run.status === 'suspended')) {
      if (found === undefined || run.executionIndex > found.executionIndex) found = run;
    }
  }
  return found;
}

/** The run with the highest execution_index among retained runs. */
export function lastRun(execution: Execution): NodeExecution | undefined {
  let found: NodeExecution | undefined;
  execution.runs.forEachValue((runs) => {
    const run = runs[0];
    if (run !== undefined && (found === undefined || run.executionIndex > found.executionIndex)) found = run;
  });
  return found;
}
