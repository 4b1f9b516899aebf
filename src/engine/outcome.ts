import type { NodeExecution } from '../domain/execution.js';
import { isJsonObject, type Json, type JsonObject } from '../domain/json.js';
import { isRetryable, type NodeError } from '../domain/node-error.js';
import type { Outcome } from '../domain/outcome.js';
import { wakeAt, type Suspension, type SuspensionRequest } from '../domain/suspension.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';
import { isPortName } from '../nodes/kit/port-name.js';
import { replaceLatestRun } from './audit-trail.js';
import { nodeError, retryDelay, wrapError } from './node-errors.js';
import { refreshNodeView } from './nodes-view.js';
import { checkOutput } from './output-check.js';
import { route } from './routing.js';
import { emit, nextSeq, pushEvent, type Step } from './step.js';
import { cancelSuspended } from './cancel.js';

/** A run record as the engine updates it in place. */
type MutableRun = { -readonly [K in keyof NodeExecution]: NodeExecution[K] };

/** After handling an outcome: `next` continues the main loop; `wait` ends the transition. */
export type Continuation = 'next' | 'wait';

/**
 * Interprets a node outcome for the run in flight: completes,
 * suspends or handles the error. `resumed` is true when the outcome came from a resume handler.
 */
export function applyOutcome(step: Step, node: CompiledNode, run: NodeExecution, outcome: Outcome, resumed: boolean): Continuation {
  switch (outcome.kind) {
    case 'complete': {
      const problem = completionProblem(step, node, outcome);
      if (problem !== null) return handleNodeError(step, node, run, problem, resumed);
      return completeRun(step, node, run, outcome.output, outcome.port ?? (node.defaultPort as string), resumed, outcome.nodeContext, outcome.state);
    }
    case 'suspend':
      if (node.type.trigger || !isSuspensionRequest(outcome.suspension)) {
        return handleNodeError(
          step,
          node,
          run,
          nodeError(node, { code: 'invalid_outcome', message: 'Node returned an invalid outcome', details: { reason: 'a trigger cannot suspend' } }),
        );
      }
      return suspendRun(step, node, run, outcome.suspension);
    case 'error':
      return handleNodeError(step, node, run, nodeError(node, outcome.error), resumed);
    default:
      return handleNodeError(step, node, run, nodeError(node, { code: 'invalid_outcome', message: 'Node returned an invalid outcome' }));
  }
}

/** Checks port, output and context of a completion; returns the node error or null. */
function completionProblem(step: Step, node: CompiledNode, outcome: Extract<Outcome, { kind: 'complete' }>): NodeError | null {
  const port = outcome.port ?? node.defaultPort;
  if (port === null || port === 'error' || (node.outputPorts === null ? !isPortName(port) : !node.outputPorts.includes(port))) {
    return nodeError(node, { code: 'invalid_output_port', message: 'Invalid output port specified', details: { port } });
  }
  if ((outcome.nodeContext !== undefined && !isJsonObject(outcome.nodeContext)) || (outcome.state !== undefined && !isJsonObject(outcome.state))) {
    return nodeError(node, {
      code: 'invalid_outcome',
      message: 'Node returned an invalid outcome',
      details: { reason: 'node_context and state must be objects' },
    });
  }
  const max = step.env.limits.maxOutputBytes;
  const problem = checkOutput(outcome.output, max);
  if (problem === null) return null;
  if (problem.kind === 'too_large') return nodeError(node, { code: 'output_too_large', message: `Node output exceeds ${max} bytes` });
  return nodeError(node, { code: 'invalid_outcome', message: 'Node returned an invalid outcome', details: { reason: problem.reason } });
}

function isSuspensionRequest(value: unknown): value is SuspensionRequest {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/**
 * Records a completion, merges node context and state, emits `node_completed` and routes
 *. Nodes with side effects ask the runner for a checkpoint.
 */
export function completeRun(
  step: Step,
  node: CompiledNode,
  run: NodeExecution,
  output: Json,
  port: string,
  resumed: boolean,
  nodeContext?: JsonObject,
  state?: JsonObject,
): Continuation {
  const execution = step.execution;
  if (execution.runs.at(node.index)?.[0] !== run) throw new Error(`run ${run.nodeKey} r${run.runIndex} is not the latest run`);
  // The engine owns the records of the execution it was handed: completing updates the run in place.
  const completed = run as MutableRun;
  completed.status = 'completed';
  completed.output = output;
  completed.outputPort = port;
  completed.error = null;
  completed.suspension = null;
  completed.completedAt = step.now;
  if (nodeContext !== undefined) execution.nodeContexts.set(node.key, mergeContext(execution.nodeContexts.get(node.key), nodeContext));
  if (state !== undefined) execution.state = { ...execution.state, ...state };
  refreshNodeView(execution, node.key);
  pushEvent(step, {
    seq: nextSeq(step),
    time: step.now,
    executionId: execution.id,
    type: 'node_completed',
    nodeKey: node.key,
    nodeType: node.type.type,
    runIndex: run.runIndex,
    executionIndex: run.executionIndex,
    attempt: run.attempt,
    port,
    output,
    durationMs: step.now - run.startedAt,
    resumed,
  });
  route(execution, step.graph, node, port, run);
  if (node.type.sideEffects) step.commands.push({ kind: 'persist', reason: 'checkpoint' });
  return 'next';
}

/**
 * Suspends the run and with it the execution. If cancellation was requested while the
 * attempt ran, the suspension is cancelled at once.
 */
export function suspendRun(step: Step, node: CompiledNode, run: NodeExecution, request: SuspensionRequest): Continuation {
  const execution = step.execution;
  const suspension = {
    ...request,
    nodeKey: node.key,
    runIndex: run.runIndex,
    executionIndex: run.executionIndex,
    suspendedAt: step.now,
    resumeToken: step.env.resumeToken({ executionId: execution.id, nodeKey: node.key, runIndex: run.runIndex, attempt: run.attempt, kind: request.kind }),
  } as Suspension;
  replaceLatestRun(execution, node, { ...run, status: 'suspended', suspension, output: null, outputPort: null, error: null, completedAt: null });
  refreshNodeView(execution, node.key);
  execution.status = 'suspended';
  const ref = { nodeKey: node.key, nodeType: node.type.type, runIndex: run.runIndex, executionIndex: run.executionIndex };
  if (request.kind === 'retry') {
    emit(step, { type: 'node_retry_scheduled', ...ref, attempt: request.attempt, waitTill: request.waitTill, error: request.error });
  } else {
    emit(step, { type: 'node_suspended', ...ref, attempt: run.attempt, suspension });
  }
  emit(step, { type: 'execution_suspended', nodeKey: node.key, kind: request.kind, wakeAt: wakeAt(request) });
  step.commands.push({ kind: 'persist', reason: 'suspended' });
  if (execution.cancel !== null) cancelSuspended(step, execution.cancel.reason);
  return 'wait';
}

/**
 * Handles a node error: a retryable error with retries left suspends for retry;
 * otherwise `on_error` decides.
 */
export function handleNodeError(step: Step, node: CompiledNode, run: NodeExecution, error: NodeError, resumed = false): Continuation {
  const settings = node.settings;
  if (settings.retryOnFailed && run.attempt < settings.maxRetries && isRetryable(error.code)) {
    const attempt = run.attempt + 1;
    return suspendRun(step, node, run, {
      kind: 'retry',
      waitTill: step.now + retryDelay(settings, attempt),
      attempt,
      maxRetries: settings.maxRetries,
      error,
    });
  }
  switch (settings.onError) {
    case 'continue':
      if (node.defaultPort !== null) return completeRun(step, node, run, wrapError(error, node.defaultPort, 'default_port'), node.defaultPort, resumed);
      break;
    case 'continue_error_output':
      return completeRun(step, node, run, wrapError(error, 'error', 'error_port'), 'error', resumed);
    case 'stop_workflow':
      break;
  }
  return failRun(step, node, run, error);
}

/** `stop_workflow`: the run fails and so does the execution. */
function failRun(step: Step, node: CompiledNode, run: NodeExecution, error: NodeError): Continuation {
  const execution = step.execution;
  replaceLatestRun(execution, node, { ...run, status: 'failed', error, output: null, outputPort: null, suspension: null, completedAt: step.now });
  refreshNodeView(execution, node.key);
  emit(step, {
    type: 'node_failed',
    nodeKey: node.key,
    nodeType: node.type.type,
    runIndex: run.runIndex,
    executionIndex: run.executionIndex,
    attempt: run.attempt,
    error,
  });
  execution.status = 'failed';
  execution.finishedAt = step.now;
  emit(step, { type: 'execution_failed', error: error as unknown as Json });
  step.commands.push({ kind: 'persist', reason: 'terminal' });
  return 'wait';
}

/**
 * The node context after a completion: the previous one updated with the new keys. A context that
 * replaces every previous key is kept as the node made it (no copy, and its lazily built fields stay
 * lazy).
 */
function mergeContext(previous: JsonObject | undefined, next: JsonObject): JsonObject {
  if (previous === undefined) return next;
  for (const key in previous) if (!Object.prototype.hasOwnProperty.call(next, key)) return { ...previous, ...next };
  return next;
}
