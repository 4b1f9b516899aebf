import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import type { Json } from '../domain/json.js';
import { newRun, startAttempt } from './attempt.js';
import { continueWith } from './main-loop.js';
import { emit, type Step } from './step.js';
import { failWithEngineError } from './terminal.js';

const hooks = new WeakMap<CompiledGraph, readonly CompiledNode[]>();

/** The nodes of a graph whose type has a preparation hook, found once per graph. */
function nodesWithHooks(graph: CompiledGraph): readonly CompiledNode[] {
  let list = hooks.get(graph);
  if (list === undefined) {
    list = [...graph.nodes.values()].filter((n) => n.type.prepare !== undefined);
    hooks.set(graph, list);
  }
  return list;
}

/**
 * Starts an execution: emits `execution_started`, runs preparation hooks, then
 * runs the trigger as run #0.
 */
export function startExecution(step: Step): void {
  const execution = step.execution;
  execution.status = 'running';
  execution.startedAt = step.now;
  emit(step, {
    type: 'execution_started',
    graphId: execution.graphId,
    workflowId: execution.workflowId,
    workflowVersion: execution.workflowVersion,
    mode: execution.mode,
    parent: execution.parent,
    input: execution.input,
  });
  if (!prepare(step)) return;
  const trigger = step.graph.nodes.get(step.graph.trigger);
  if (trigger === undefined) {
    failWithEngineError(step, { type: 'internal_error', message: `trigger node ${step.graph.trigger} is missing from the graph` });
    return;
  }
  const run = newRun(trigger, execution.nextIndex, 0, false, step.now);
  execution.nextIndex += 1;
  continueWith(step, startAttempt(step, trigger, run, false));
}

/** Runs every preparation hook with unrendered params; a failure fails the execution. */
function prepare(step: Step): boolean {
  const execution = step.execution;
  const nodes = nodesWithHooks(step.graph);
  if (nodes.length === 0) return true;
  const preparation: Record<string, Json> = { ...execution.preparation };
  for (const node of nodes) {
    try {
      const data = node.type.prepare?.(node.params, {
        executionId: execution.id,
        nodeKey: node.key,
        resumeTokenFor: (kind) => step.env.resumeToken({ executionId: execution.id, nodeKey: node.key, runIndex: 0, attempt: 0, kind }),
      });
      if (data !== null && data !== undefined) preparation[node.key] = data;
    } catch (error) {
      failWithEngineError(step, {
        type: 'preparation_failed',
        message: `Preparation failed for node ${node.key}`,
        node_key: node.key,
        reason: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }
  execution.preparation = preparation;
  return true;
}
