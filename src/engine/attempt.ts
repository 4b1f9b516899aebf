import type { NodeExecution } from '../domain/execution.js';
import { deepFreeze } from '../domain/json.js';
import type { JsonObject } from '../domain/json.js';
import { renderParams, type ExpressionContext } from '../expressions/index.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';
import { validateParams } from '../nodes/kit/schema.js';
import { AttemptContext, executionObject, workflowObject } from './attempt-context.js';
import { pushRun, replaceLatestRun } from './audit-trail.js';
import { assembleInput, triggerInput } from './input-assembly.js';
import { nodeError } from './node-errors.js';
import { refreshNodeView, nodesView } from './nodes-view.js';
import { applyOutcome, handleNodeError, type Continuation } from './outcome.js';
import { nodeExceptionOutcome } from './node-exception.js';
import type { Outcome } from '../domain/outcome.js';
import { nextSeq, pushEvent, type Step } from './step.js';

/** Creates the record of a new run; constant params are known at once. */
export function newRun(node: CompiledNode, executionIndex: number, runIndex: number, loopback: boolean, now: number): NodeExecution {
  return {
    nodeKey: node.key,
    status: 'running',
    executionIndex,
    runIndex,
    attempt: 0,
    loopback,
    params: node.constantParams,
    output: null,
    outputPort: null,
    error: null,
    suspension: null,
    startedAt: now,
    completedAt: null,
  };
}

/**
 * Runs one attempt: emits `node_starting`, records the run, renders and
 * validates params and asks the runner to execute the node. A render or validation failure is
 * handled at once as a node error. `continuing` is true for retry attempts of an existing run.
 */
export function startAttempt(step: Step, node: CompiledNode, run: NodeExecution, continuing: boolean): Continuation {
  const execution = step.execution;
  pushEvent(step, {
    seq: nextSeq(step),
    time: step.now,
    executionId: execution.id,
    type: 'node_starting',
    nodeKey: node.key,
    nodeType: node.type.type,
    runIndex: run.runIndex,
    executionIndex: run.executionIndex,
    attempt: run.attempt,
    loopback: run.loopback,
  });
  const input = node.type.trigger ? triggerInput(execution) : assembleInput(execution, node, continuing);
  if (continuing) replaceLatestRun(execution, node, run);
  else if (pushRun(execution, node, run)) refreshNodeView(execution, node.key);

  let started = run;
  if (run.params === null) {
    const prepared = prepareParams(step, node, run, input);
    if ('error' in prepared) return handleNodeError(step, node, run, prepared.error);
    started = { ...run, params: prepared.params };
    replaceLatestRun(execution, node, started);
  }
  const params = started.params as JsonObject;
  const context = new AttemptContext(execution, step.graph, node, started, input, step.now, step.env, null);
  if (node.type.inline === true) return applyOutcome(step, node, started, executeInline(node, params, context), false);
  step.commands.push({ kind: 'execute_node', nodeType: node.type.type, params, context });
  return 'wait';
}

/** Runs a pure, synchronous node type inside the transition (NodeType.inline). */
function executeInline(node: CompiledNode, params: JsonObject, context: AttemptContext): Outcome {
  let outcome: Outcome | Promise<Outcome>;
  try {
    outcome = node.type.execute(params, context);
  } catch (error) {
    return nodeExceptionOutcome(error);
  }
  if (outcome instanceof Promise) {
    outcome.catch(() => undefined);
    return {
      kind: 'error',
      error: { code: 'invalid_outcome', message: 'Node returned an invalid outcome', details: { reason: 'an inline node type returned a promise' } },
    };
  }
  return outcome;
}

type Prepared = { readonly params: JsonObject } | { readonly error: ReturnType<typeof nodeError> };

/** Renders and validates the params of one attempt. */
function prepareParams(step: Step, node: CompiledNode, run: NodeExecution, input: JsonObject): Prepared {
  const skip = run.loopback && node.type.firstRunOnlyParams.size > 0 ? node.type.firstRunOnlyParams : undefined;
  const rendered = renderParams(node.plan, expressionContext(step, node, run, input), { skip, limits: step.env.limits.render });
  if (!rendered.ok) {
    return {
      error: nodeError(node, {
        code: 'expression_error',
        message: `Expression error in ${rendered.paramPath}: ${rendered.reason}`,
        details: { param_path: rendered.paramPath, reason: rendered.reason },
      }),
    };
  }
  const validated = validateParams(node.type.schema, rendered.value, 'params', skip);
  if (!validated.ok) {
    return { error: nodeError(node, { code: 'invalid_params', message: 'Parameter validation failed', details: { errors: validated.errors } }) };
  }
  return { params: step.env.freeze === true ? deepFreeze(validated.value) : validated.value };
}

/** Builds the expression context, with only the root variables the node's templates read. */
function expressionContext(step: Step, node: CompiledNode, run: NodeExecution, input: JsonObject): ExpressionContext {
  const roots = node.plan.roots;
  const execution = step.execution;
  return {
    input,
    env: step.env.env,
    vars: execution.vars,
    nodes: roots.has('nodes') ? nodesView(execution) : undefined,
    workflow: roots.has('workflow') ? workflowObject(step.graph) : undefined,
    execution: roots.has('execution') ? executionObject(execution, node, run) : undefined,
    now: roots.has('now') ? new Date(step.now).toISOString() : undefined,
  };
}
