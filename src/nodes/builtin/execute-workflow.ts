import type { Json, JsonObject } from '../../domain/json.js';
import { isJsonObject, ownProperty } from '../../domain/json.js';
import { complete, fail, type Outcome } from '../../domain/outcome.js';
import type { ChildResult } from '../../domain/resumption.js';
import type { BatchMode, ChildSpec, FailureStrategy, SubWorkflowMode, SubWorkflowRequest } from '../../domain/suspension.js';
import { defineNode } from '../kit/define-node.js';
import type { NodeRunContext } from '../kit/node-type.js';
import { unexpectedResumption } from './unexpected-resumption.js';

const MODES: readonly SubWorkflowMode[] = ['sync', 'async', 'fire_and_forget'];
const BATCH_MODES: readonly BatchMode[] = ['all', 'single'];
const FAILURE_STRATEGIES: readonly FailureStrategy[] = ['fail_parent', 'continue'];

/** The validated params, typed. */
interface SubWorkflowParams {
  readonly workflowId: string;
  readonly mode: SubWorkflowMode;
  readonly batchMode: BatchMode;
  readonly timeoutMs: number;
  readonly failureStrategy: FailureStrategy;
  readonly queue: string | undefined;
  readonly distributionWindowMs: number;
}

function readParams(params: JsonObject): SubWorkflowParams {
  const queue = ownProperty(params, 'queue');
  const window = ownProperty(params, 'distribution_window_ms');
  return {
    workflowId: params.workflow_id as string,
    mode: params.execution_mode as SubWorkflowMode,
    batchMode: params.batch_mode as BatchMode,
    timeoutMs: params.timeout_ms as number,
    failureStrategy: params.failure_strategy as FailureStrategy,
    queue: typeof queue === 'string' ? queue : undefined,
    distributionWindowMs: typeof window === 'number' ? window : 0,
  };
}

/**
 * The children's inputs: the value is `input_data`, else `$input.main`. `all` runs
 * one child with that value (or `{}` when there is none); `single` runs one child per item, where null
 * is no items, an array is the item list, and any other value is one item.
 */
function childInputs(batchMode: BatchMode, params: JsonObject, input: JsonObject): readonly Json[] {
  const value = ownProperty(params, 'input_data') ?? ownProperty(input, 'main') ?? null;
  switch (batchMode) {
    case 'all':
      return [value ?? {}];
    case 'single':
      if (value === null) return [];
      return Array.isArray(value) ? (value as readonly Json[]) : [value];
  }
}

/**
 * When child `i` of `n` becomes due: at once for sync; for async and
 * fire_and_forget in single mode, spread over the distribution window.
 */
function dueAt(p: SubWorkflowParams, now: number, index: number, count: number): number {
  switch (p.mode) {
    case 'sync':
      return now;
    case 'async':
    case 'fire_and_forget':
      return p.batchMode === 'single' ? now + Math.floor((index * p.distributionWindowMs) / count) : now;
  }
}

/** Output of a fire-and-forget run: the child id (`all`) or every child id (`single`). */
function fireAndForgetOutput(batchMode: BatchMode, ids: readonly string[]): Json {
  switch (batchMode) {
    case 'all':
      return { child_execution_id: ids[0] ?? null };
    case 'single':
      return { child_execution_ids: ids };
  }
}

/** The error a cancelled child counts as. */
export function cancelledChildError(reason: Json): JsonObject {
  return { type: 'cancelled', message: 'Sub-workflow execution was cancelled', reason };
}

/**
 * The error of an ended child as the parent reports it. A failed child's error is used as the runner
 * gave it; a cancelled child's is rebuilt from the reason it carries (`{reason}` or a bare string).
 */
function childError(result: Exclude<ChildResult, { readonly status: 'completed' }>): Json {
  switch (result.status) {
    case 'failed':
      return result.error;
    case 'cancelled': {
      const carried = result.error;
      if (typeof carried === 'string') return cancelledChildError(carried);
      return cancelledChildError(isJsonObject(carried) ? (ownProperty(carried, 'reason') ?? null) : null);
    }
  }
}

/** The ids of the children, from the current suspension, else from the results in item order. */
function childIds(ctx: NodeRunContext, children: readonly ChildResult[]): readonly string[] {
  if (ctx.suspension?.kind === 'sub_workflow') return ctx.suspension.childExecutionIds;
  return [...children].sort((a, b) => a.itemIndex - b.itemIndex).map((c) => c.executionId);
}

/** The parent's outcome once its children have ended, or as soon as one failed under fail_parent. */
function childrenOutcome(p: SubWorkflowParams, ids: readonly string[], children: readonly ChildResult[]): Outcome {
  const byIndex = new Map<number, ChildResult>();
  for (const child of children) byIndex.set(child.itemIndex, child);
  const ordered = [...byIndex.values()].sort((a, b) => a.itemIndex - b.itemIndex);
  if (p.failureStrategy === 'fail_parent') {
    // Several children may have failed before the service noticed; the lowest item index is reported.
    const failed = ordered.find((c) => c.status !== 'completed');
    if (failed !== undefined) {
      const details: Record<string, Json> = { child_execution_id: failed.executionId };
      if (p.batchMode === 'single') details.item_index = failed.itemIndex;
      details.error = childError(failed);
      return fail('sub_workflow_failed', 'Sub-workflow execution failed', details);
    }
  }
  const missing = ids.map((_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new Error(`sub_workflow resumption lacks results for item indexes ${missing.join(', ')}`);
  const outputs = ordered.map((c): Json => (c.status === 'completed' ? c.output : { sub_workflow_failed: true, error: childError(c) }));
  switch (p.batchMode) {
    case 'all':
      return complete(outputs[0] ?? null);
    case 'single':
      return complete(outputs);
  }
}

/** The parent's outcome when `timeout_at` passed before every child ended. */
function timeoutOutcome(p: SubWorkflowParams): Outcome {
  switch (p.failureStrategy) {
    case 'fail_parent':
      return fail('sub_workflow_timeout', 'Sub-workflow execution timed out', { timeout_ms: p.timeoutMs });
    case 'continue':
      return complete({ sub_workflow_timeout: true });
  }
}

/**
 * `workflow.execute_workflow`: starts child executions of another graph and
 * suspends until the service resumes it with their results, their deadline, or (fire_and_forget) at once.
 */
export const executeWorkflowNode = defineNode({
  type: 'workflow.execute_workflow',
  description: 'Runs another compiled graph as a child execution (synchronously, asynchronously or fire-and-forget), once or once per item.',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      workflow_id: { type: 'string', required: true, minLength: 1 },
      input_data: { type: 'any' },
      execution_mode: { type: 'enum', values: MODES, default: 'sync' },
      batch_mode: { type: 'enum', values: BATCH_MODES, default: 'all' },
      timeout_ms: { type: 'integer', default: 300_000, min: 1, max: 2_592_000_000 },
      failure_strategy: { type: 'enum', values: FAILURE_STRATEGIES, default: 'fail_parent' },
      queue: { type: 'string' },
      distribution_window_ms: { type: 'integer', min: 0 },
    },
  },
  execute: async (params, ctx) => {
    const p = readParams(params);
    const inputs = childInputs(p.batchMode, params, ctx.input);
    if (!(await ctx.services.graphExists(p.workflowId, ctx.executionId))) {
      return fail('sub_workflow_not_found', `Sub-workflow graph not found: ${p.workflowId}`);
    }
    if (inputs.length === 0) return complete(p.mode === 'fire_and_forget' ? { child_execution_ids: [] } : []);
    const { subWorkflowMaxBatch, subWorkflowMaxDepth } = ctx.services.limits;
    if (inputs.length > subWorkflowMaxBatch) {
      return fail('sub_workflow_batch_too_large', `Sub-workflow batch of ${inputs.length} items exceeds maximum ${subWorkflowMaxBatch}`);
    }
    if (ctx.depth + 1 > subWorkflowMaxDepth) {
      return fail('sub_workflow_depth_exceeded', `Sub-workflow nesting exceeds maximum depth ${subWorkflowMaxDepth}`);
    }
    const children: ChildSpec[] = inputs.map((input, itemIndex) => ({
      executionId: ctx.services.childExecutionId(ctx.executionId, ctx.nodeKey, ctx.runIndex, ctx.attempt, itemIndex),
      itemIndex,
      input,
      dueAt: dueAt(p, ctx.now, itemIndex, inputs.length),
    }));
    const suspension: SubWorkflowRequest = {
      kind: 'sub_workflow',
      workflowId: p.workflowId,
      mode: p.mode,
      batchMode: p.batchMode,
      failureStrategy: p.failureStrategy,
      childExecutionIds: children.map((c) => c.executionId),
      timeoutAt: p.mode === 'fire_and_forget' ? null : ctx.now + p.timeoutMs,
      children,
      ...(p.queue === undefined ? {} : { queue: p.queue }),
    };
    return { kind: 'suspend', suspension };
  },
  resume: (params, ctx, resumption) => {
    const p = readParams(params);
    switch (resumption.reason) {
      case 'sub_workflow': {
        const ids = childIds(ctx, resumption.children);
        if (p.mode === 'fire_and_forget') return complete(fireAndForgetOutput(p.batchMode, ids));
        return childrenOutcome(p, ids, resumption.children);
      }
      case 'deadline':
        if (p.mode === 'fire_and_forget') throw unexpectedResumption('workflow.execute_workflow', resumption.reason);
        return timeoutOutcome(p);
      case 'resume':
      case 'timer':
      case 'task':
        throw unexpectedResumption('workflow.execute_workflow', resumption.reason);
    }
  },
});
