import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import type { ChildResult, Resumption } from '../../../../src/domain/resumption.js';
import { cancelledChildError, executeWorkflowNode } from '../../../../src/nodes/builtin/execute-workflow.js';
import type { ExecutionStatus } from '../../../../src/domain/execution.js';
import { subWorkflowDecision } from '../../../../src/domain/sub-workflow.js';
import type { SubWorkflowRequest } from '../../../../src/domain/suspension.js';
import type { NodeLimits } from '../../../../src/nodes/kit/node-services.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { NOW, runContext, suspensionOf, testServices } from './suspending-context.js';

const GRAPH = 'graph-child';

function validated(params: JsonObject): JsonObject {
  const result = validateParams(executeWorkflowNode.schema, params);
  if (!result.ok) throw new Error(`unexpected schema failure: ${JSON.stringify(result.errors)}`);
  return result.value;
}

interface RunOptions {
  readonly input?: JsonObject;
  readonly depth?: number;
  readonly limits?: Partial<NodeLimits>;
  readonly graphs?: readonly string[];
  readonly asyncGraphs?: boolean;
}

async function run(params: JsonObject, options: RunOptions = {}): Promise<Outcome> {
  const services = testServices({
    graphs: options.graphs ?? [GRAPH],
    ...(options.asyncGraphs === undefined ? {} : { asyncGraphs: options.asyncGraphs }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const ctx = runContext({ executionId: 'p', nodeKey: 'call', input: options.input ?? {}, depth: options.depth ?? 0, services });
  return executeWorkflowNode.execute(validated({ workflow_id: GRAPH, ...params }), ctx);
}

function subWorkflow(outcome: Outcome): SubWorkflowRequest {
  const suspension = suspensionOf(outcome);
  if (suspension.kind !== 'sub_workflow') throw new Error('expected a sub_workflow suspension');
  return suspension;
}

const id = (item: number): string => `child:p:call:0:0:${item}`;

describe('workflow.execute_workflow declaration and schema', () => {
  it('has input main, output main, default main', () => {
    expect(executeWorkflowNode.type).toBe('workflow.execute_workflow');
    expect(executeWorkflowNode.inputPorts).toEqual(['main']);
    expect(executeWorkflowNode.outputPorts).toEqual(['main']);
    expect(executeWorkflowNode.defaultPort).toBe('main');
    expect(executeWorkflowNode.dynamicPorts).toBe(false);
  });

  const cases: ReadonlyArray<readonly [string, JsonObject, ReturnType<typeof validateParams>]> = [
    [
      'defaults',
      { workflow_id: 'g' },
      { ok: true, value: { workflow_id: 'g', execution_mode: 'sync', batch_mode: 'all', timeout_ms: 300_000, failure_strategy: 'fail_parent' } },
    ],
    [
      'every field',
      {
        workflow_id: 'g',
        input_data: [1],
        execution_mode: 'async',
        batch_mode: 'single',
        timeout_ms: '1000',
        failure_strategy: 'continue',
        queue: 'bulk',
        distribution_window_ms: 0,
      },
      {
        ok: true,
        value: {
          workflow_id: 'g',
          input_data: [1],
          execution_mode: 'async',
          batch_mode: 'single',
          timeout_ms: 1000,
          failure_strategy: 'continue',
          queue: 'bulk',
          distribution_window_ms: 0,
        },
      },
    ],
    ['workflow_id absent', {}, { ok: false, errors: { 'params.workflow_id': ['is required'] } }],
    ['workflow_id empty', { workflow_id: '' }, { ok: false, errors: { 'params.workflow_id': ['must be at least 1 characters'] } }],
    [
      'execution_mode unknown',
      { workflow_id: 'g', execution_mode: 'later' },
      { ok: false, errors: { 'params.execution_mode': ['must be one of: sync, async, fire_and_forget'] } },
    ],
    ['batch_mode unknown', { workflow_id: 'g', batch_mode: 'each' }, { ok: false, errors: { 'params.batch_mode': ['must be one of: all, single'] } }],
    [
      'failure_strategy unknown',
      { workflow_id: 'g', failure_strategy: 'ignore' },
      { ok: false, errors: { 'params.failure_strategy': ['must be one of: fail_parent, continue'] } },
    ],
    ['timeout_ms zero', { workflow_id: 'g', timeout_ms: 0 }, { ok: false, errors: { 'params.timeout_ms': ['must be at least 1'] } }],
    [
      'timeout_ms above 30 days',
      { workflow_id: 'g', timeout_ms: 2_592_000_001 },
      { ok: false, errors: { 'params.timeout_ms': ['must be at most 2592000000'] } },
    ],
    [
      'distribution window negative',
      { workflow_id: 'g', distribution_window_ms: -1 },
      { ok: false, errors: { 'params.distribution_window_ms': ['must be at least 0'] } },
    ],
  ];

  it.each(cases)('%s', (_name, params, expected) => {
    expect(validateParams(executeWorkflowNode.schema, params)).toEqual(expected);
  });
});

describe('workflow.execute_workflow child inputs', () => {
  const cases: ReadonlyArray<readonly [string, JsonObject, JsonObject, readonly Json[]]> = [
    ['all: input_data', { input_data: { a: 1 } }, { main: { ignored: true } }, [{ a: 1 }]],
    ['all: $input.main when input_data is absent', {}, { main: { b: 2 } }, [{ b: 2 }]],
    ['all: $input.main when input_data is null', { input_data: null }, { main: 'text' }, ['text']],
    ['all: {} when there is no input', {}, {}, [{}]],
    ['all: {} when $input.main is null', {}, { main: null }, [{}]],
    ['all: an array is one input', { input_data: [1, 2] }, {}, [[1, 2]]],
    ['all: false is kept', { input_data: false }, {}, [false]],
    ['single: an array is the item list', { batch_mode: 'single', input_data: [{ n: 1 }, { n: 2 }, { n: 3 }] }, {}, [{ n: 1 }, { n: 2 }, { n: 3 }]],
    ['single: $input.main array', { batch_mode: 'single' }, { main: [1, 2] }, [1, 2]],
    ['single: a non-array is one item', { batch_mode: 'single', input_data: 'x' }, {}, ['x']],
    ['single: an object is one item', { batch_mode: 'single' }, { main: { k: 1 } }, [{ k: 1 }]],
    ['single: null items are kept', { batch_mode: 'single', input_data: [null, 0] }, {}, [null, 0]],
  ];

  it.each(cases)('%s', async (_name, params, input, expected) => {
    const suspension = subWorkflow(await run(params, { input }));
    expect(suspension.children?.map((c) => c.input)).toEqual(expected);
    expect(suspension.children?.map((c) => c.itemIndex)).toEqual(expected.map((_, i) => i));
  });
});

describe('workflow.execute_workflow execute', () => {
  it('suspends sync with deterministic child ids, due now, and a timeout', async () => {
    const services = testServices({ graphs: [GRAPH] });
    const ctx = runContext({ executionId: 'parent', nodeKey: 'fan', runIndex: 3, attempt: 2, services, input: { main: ['a', 'b'] } });
    const outcome = await executeWorkflowNode.execute(validated({ workflow_id: GRAPH, batch_mode: 'single', timeout_ms: 5000 }), ctx);
    expect(outcome).toEqual({
      kind: 'suspend',
      suspension: {
        kind: 'sub_workflow',
        workflowId: GRAPH,
        mode: 'sync',
        batchMode: 'single',
        failureStrategy: 'fail_parent',
        childExecutionIds: ['child:parent:fan:3:2:0', 'child:parent:fan:3:2:1'],
        timeoutAt: NOW + 5000,
        children: [
          { executionId: 'child:parent:fan:3:2:0', itemIndex: 0, input: 'a', dueAt: NOW },
          { executionId: 'child:parent:fan:3:2:1', itemIndex: 1, input: 'b', dueAt: NOW },
        ],
      },
    });
  });

  it('uses the default timeout and records the queue', async () => {
    const suspension = subWorkflow(await run({ execution_mode: 'async', queue: 'bulk' }));
    expect(suspension).toMatchObject({ mode: 'async', batchMode: 'all', timeoutAt: NOW + 300_000, queue: 'bulk', childExecutionIds: [id(0)] });
  });

  it('fire_and_forget suspends without a timeout so the children are persisted', async () => {
    expect(subWorkflow(await run({ execution_mode: 'fire_and_forget' }))).toMatchObject({
      mode: 'fire_and_forget',
      timeoutAt: null,
      childExecutionIds: [id(0)],
    });
  });

  const due: ReadonlyArray<readonly [string, JsonObject, readonly number[]]> = [
    ['sync single ignores the window', { execution_mode: 'sync', batch_mode: 'single', input_data: [1, 2, 3], distribution_window_ms: 900 }, [0, 0, 0]],
    [
      'async single spreads over the window',
      { execution_mode: 'async', batch_mode: 'single', input_data: [1, 2, 3], distribution_window_ms: 1000 },
      [0, 333, 666],
    ],
    [
      'fire_and_forget single spreads over the window',
      { execution_mode: 'fire_and_forget', batch_mode: 'single', input_data: [1, 2, 3, 4], distribution_window_ms: 1000 },
      [0, 250, 500, 750],
    ],
    ['async single without a window is due now', { execution_mode: 'async', batch_mode: 'single', input_data: [1, 2] }, [0, 0]],
    ['async all is due now', { execution_mode: 'async', distribution_window_ms: 1000 }, [0]],
  ];

  it.each(due)('dueAt: %s', async (_name, params, offsets) => {
    expect(subWorkflow(await run(params)).children?.map((c) => c.dueAt)).toEqual(offsets.map((o) => NOW + o));
  });

  it('fails when the graph does not exist, whether the lookup is sync or async', async () => {
    const expected = { kind: 'error', error: { code: 'sub_workflow_not_found', message: 'Sub-workflow graph not found: missing' } };
    expect(await run({ workflow_id: 'missing' })).toEqual(expected);
    expect(await run({ workflow_id: 'missing' }, { asyncGraphs: true })).toEqual(expected);
    expect(await run({ workflow_id: 'missing', batch_mode: 'single', input_data: [] })).toEqual(expected);
  });

  it('finds the graph through an async lookup', async () => {
    expect(subWorkflow(await run({}, { asyncGraphs: true })).workflowId).toBe(GRAPH);
  });

  const empty: ReadonlyArray<readonly [string, JsonObject, Json]> = [
    ['sync', { execution_mode: 'sync' }, []],
    ['async', { execution_mode: 'async' }, []],
    ['fire_and_forget', { execution_mode: 'fire_and_forget' }, { child_execution_ids: [] }],
  ];

  it.each(empty)('an empty batch completes at once (%s)', async (_name, params, output) => {
    expect(await run({ batch_mode: 'single', input_data: [], ...params })).toEqual({ kind: 'complete', output });
    expect(await run({ batch_mode: 'single', ...params }, { input: { main: null } })).toEqual({ kind: 'complete', output });
  });

  it('an empty batch is not refused by the depth limit: it nests nothing', async () => {
    expect(await run({ batch_mode: 'single', input_data: [] }, { depth: 10 })).toEqual({ kind: 'complete', output: [] });
  });

  it('refuses more items than the batch limit', async () => {
    expect(await run({ batch_mode: 'single', input_data: [1, 2, 3] }, { limits: { subWorkflowMaxBatch: 2 } })).toEqual({
      kind: 'error',
      error: { code: 'sub_workflow_batch_too_large', message: 'Sub-workflow batch of 3 items exceeds maximum 2' },
    });
    expect(subWorkflow(await run({ batch_mode: 'single', input_data: [1, 2] }, { limits: { subWorkflowMaxBatch: 2 } })).childExecutionIds).toHaveLength(2);
  });

  it('refuses to nest deeper than the depth limit', async () => {
    expect(subWorkflow(await run({}, { depth: 9 })).childExecutionIds).toEqual([id(0)]);
    expect(await run({}, { depth: 10 })).toEqual({
      kind: 'error',
      error: { code: 'sub_workflow_depth_exceeded', message: 'Sub-workflow nesting exceeds maximum depth 10' },
    });
    expect(await run({ execution_mode: 'fire_and_forget' }, { depth: 2, limits: { subWorkflowMaxDepth: 2 } })).toEqual({
      kind: 'error',
      error: { code: 'sub_workflow_depth_exceeded', message: 'Sub-workflow nesting exceeds maximum depth 2' },
    });
  });

  it('checks the batch limit before the depth limit', async () => {
    const outcome = await run({ batch_mode: 'single', input_data: [1, 2] }, { depth: 10, limits: { subWorkflowMaxBatch: 1 } });
    expect(outcome).toMatchObject({ kind: 'error', error: { code: 'sub_workflow_batch_too_large' } });
  });
});

describe('workflow.execute_workflow resume', () => {
  const completed = (item: number, output: Json): ChildResult => ({ executionId: id(item), itemIndex: item, status: 'completed', output });
  const failed = (item: number, error: Json): ChildResult => ({ executionId: id(item), itemIndex: item, status: 'failed', error });
  const cancelled = (item: number, error: Json): ChildResult => ({ executionId: id(item), itemIndex: item, status: 'cancelled', error });
  const childError = { code: 'http_error', message: 'HTTP request failed', details: { node: 'fetch', action: 'http.request' } };

  async function resume(params: JsonObject, resumption: Resumption, count = 1): Promise<Outcome> {
    const handler = executeWorkflowNode.resume;
    if (handler === undefined) throw new Error('workflow.execute_workflow has a resume handler');
    const p = validated({ workflow_id: GRAPH, ...params });
    const suspension: SubWorkflowRequest = {
      kind: 'sub_workflow',
      workflowId: GRAPH,
      mode: p.execution_mode as SubWorkflowRequest['mode'],
      batchMode: p.batch_mode as SubWorkflowRequest['batchMode'],
      failureStrategy: p.failure_strategy as SubWorkflowRequest['failureStrategy'],
      childExecutionIds: Array.from({ length: count }, (_, i) => id(i)),
      timeoutAt: p.execution_mode === 'fire_and_forget' ? null : NOW + (p.timeout_ms as number),
    };
    return handler(p, runContext({ executionId: 'p', nodeKey: 'call', suspension }), resumption);
  }

  describe('fire_and_forget', () => {
    it('outputs the child id in all mode', async () => {
      expect(await resume({ execution_mode: 'fire_and_forget' }, { reason: 'sub_workflow', children: [] })).toEqual({
        kind: 'complete',
        output: { child_execution_id: id(0) },
      });
    });

    it('outputs every child id in item order in single mode', async () => {
      expect(await resume({ execution_mode: 'fire_and_forget', batch_mode: 'single' }, { reason: 'sub_workflow', children: [] }, 3)).toEqual({
        kind: 'complete',
        output: { child_execution_ids: [id(0), id(1), id(2)] },
      });
    });

    it('falls back to the results for the ids when no suspension is given', async () => {
      const handler = executeWorkflowNode.resume;
      if (handler === undefined) throw new Error('resume handler');
      const p = validated({ workflow_id: GRAPH, execution_mode: 'fire_and_forget', batch_mode: 'single' });
      const outcome = await handler(p, runContext(), { reason: 'sub_workflow', children: [completed(1, null), completed(0, null)] });
      expect(outcome).toEqual({ kind: 'complete', output: { child_execution_ids: [id(0), id(1)] } });
    });

    it('has no deadline', async () => {
      await expect(resume({ execution_mode: 'fire_and_forget' }, { reason: 'deadline' })).rejects.toThrow('reason "deadline"');
    });
  });

  describe('all children completed', () => {
    it('all mode outputs the child’s final output', async () => {
      expect(await resume({}, { reason: 'sub_workflow', children: [completed(0, { total: 3 })] })).toEqual({ kind: 'complete', output: { total: 3 } });
    });

    it('single mode outputs the final outputs in item order, whatever order the results come in', async () => {
      const children = [completed(2, 'c'), completed(0, 'a'), completed(1, 'b')];
      expect(await resume({ batch_mode: 'single', execution_mode: 'async' }, { reason: 'sub_workflow', children }, 3)).toEqual({
        kind: 'complete',
        output: ['a', 'b', 'c'],
      });
    });

    it('refuses a resumption that lacks a child’s result', async () => {
      await expect(resume({ batch_mode: 'single' }, { reason: 'sub_workflow', children: [completed(0, 'a')] }, 2)).rejects.toThrow('item indexes 1');
      await expect(resume({}, { reason: 'sub_workflow', children: [] })).rejects.toThrow('item indexes 0');
    });
  });

  describe('fail_parent', () => {
    it('all mode: a failed child fails the node with its error', async () => {
      expect(await resume({}, { reason: 'sub_workflow', children: [failed(0, childError)] })).toEqual({
        kind: 'error',
        error: { code: 'sub_workflow_failed', message: 'Sub-workflow execution failed', details: { child_execution_id: id(0), error: childError } },
      });
    });

    it('single mode: reports item_index, and resumes before the other children ended', async () => {
      expect(await resume({ batch_mode: 'single' }, { reason: 'sub_workflow', children: [completed(0, 'a'), failed(2, childError)] }, 4)).toEqual({
        kind: 'error',
        error: {
          code: 'sub_workflow_failed',
          message: 'Sub-workflow execution failed',
          details: { child_execution_id: id(2), item_index: 2, error: childError },
        },
      });
    });

    it('single mode: of several failures the lowest item index is reported', async () => {
      const outcome = await resume(
        { batch_mode: 'single' },
        { reason: 'sub_workflow', children: [failed(3, 'late'), cancelled(1, { reason: 'x' }), failed(2, 'mid')] },
        4,
      );
      expect(outcome).toMatchObject({ kind: 'error', error: { details: { child_execution_id: id(1), item_index: 1 } } });
    });

    it('a cancelled child counts as failed with the cancellation error and its reason', async () => {
      const outcome = await resume({}, { reason: 'sub_workflow', children: [cancelled(0, { reason: 'operator_request' })] });
      expect(outcome).toEqual({
        kind: 'error',
        error: {
          code: 'sub_workflow_failed',
          message: 'Sub-workflow execution failed',
          details: { child_execution_id: id(0), error: { type: 'cancelled', message: 'Sub-workflow execution was cancelled', reason: 'operator_request' } },
        },
      });
    });
  });

  describe('continue', () => {
    it('all mode outputs the failure marker with the child error', async () => {
      expect(await resume({ failure_strategy: 'continue' }, { reason: 'sub_workflow', children: [failed(0, childError)] })).toEqual({
        kind: 'complete',
        output: { sub_workflow_failed: true, error: childError },
      });
    });

    it('single mode puts the marker in place of each failed or cancelled child', async () => {
      const children = [cancelled(2, 'parent_cancelled'), completed(0, 'a'), failed(1, childError)];
      expect(await resume({ failure_strategy: 'continue', batch_mode: 'single' }, { reason: 'sub_workflow', children }, 3)).toEqual({
        kind: 'complete',
        output: [
          'a',
          { sub_workflow_failed: true, error: childError },
          { sub_workflow_failed: true, error: { type: 'cancelled', message: 'Sub-workflow execution was cancelled', reason: 'parent_cancelled' } },
        ],
      });
    });
  });

  describe('cancelled child errors', () => {
    const cases: ReadonlyArray<readonly [string, Json, Json]> = [
      ['{reason}', { reason: 'sub_workflow_timeout' }, 'sub_workflow_timeout'],
      ['the full error', cancelledChildError('parent_cancelled'), 'parent_cancelled'],
      ['a bare string', 'manual', 'manual'],
      ['nothing', null, null],
      ['an object without reason', { other: 1 }, null],
    ];

    it.each(cases)('are rebuilt from %s', async (_name, carried, reason) => {
      const outcome = await resume({ failure_strategy: 'continue' }, { reason: 'sub_workflow', children: [cancelled(0, carried)] });
      expect(outcome).toEqual({
        kind: 'complete',
        output: { sub_workflow_failed: true, error: { type: 'cancelled', message: 'Sub-workflow execution was cancelled', reason } },
      });
    });
  });

  describe('deadline', () => {
    it('fail_parent errors with the timeout', async () => {
      expect(await resume({ timeout_ms: 60_000 }, { reason: 'deadline' })).toEqual({
        kind: 'error',
        error: { code: 'sub_workflow_timeout', message: 'Sub-workflow execution timed out', details: { timeout_ms: 60_000 } },
      });
    });

    it('continue outputs the timeout marker, in single mode too', async () => {
      expect(await resume({ failure_strategy: 'continue' }, { reason: 'deadline' })).toEqual({ kind: 'complete', output: { sub_workflow_timeout: true } });
      expect(await resume({ failure_strategy: 'continue', batch_mode: 'single', execution_mode: 'async' }, { reason: 'deadline' }, 2)).toEqual({
        kind: 'complete',
        output: { sub_workflow_timeout: true },
      });
    });
  });

  it('refuses reasons a sub-workflow can never end with', async () => {
    await expect(resume({}, { reason: 'timer' })).rejects.toThrow('workflow.execute_workflow cannot be resumed with reason "timer"');
    await expect(resume({}, { reason: 'resume', data: null })).rejects.toThrow('reason "resume"');
    await expect(resume({}, { reason: 'task', result: { kind: 'completed', output: 1, port: 'main' } })).rejects.toThrow('reason "task"');
  });
});

describe('subWorkflowDecision', () => {
  const ids = ['c0', 'c1', 'c2'];
  const statuses = (...list: readonly ExecutionStatus[]): ReadonlyMap<string, ExecutionStatus> => new Map(list.map((s, i) => [`c${i}`, s]));
  const suspension = (mode: SubWorkflowRequest['mode'], failureStrategy: SubWorkflowRequest['failureStrategy']) => ({
    mode,
    failureStrategy,
    childExecutionIds: ids,
  });

  const cases: ReadonlyArray<readonly [string, ReturnType<typeof suspension>, ReadonlyMap<string, ExecutionStatus>, 'wait' | 'resume']> = [
    ['fire_and_forget resumes at once', suspension('fire_and_forget', 'fail_parent'), statuses('pending', 'pending', 'pending'), 'resume'],
    ['sync waits while a child runs', suspension('sync', 'fail_parent'), statuses('completed', 'running', 'completed'), 'wait'],
    ['pending and suspended children have not ended', suspension('async', 'continue'), statuses('pending', 'suspended', 'completed'), 'wait'],
    ['a child without a status has not ended', suspension('sync', 'continue'), statuses('completed', 'completed'), 'wait'],
    ['all completed', suspension('sync', 'fail_parent'), statuses('completed', 'completed', 'completed'), 'resume'],
    ['fail_parent resumes on the first failure', suspension('sync', 'fail_parent'), statuses('running', 'failed', 'pending'), 'resume'],
    ['fail_parent resumes on a cancellation', suspension('async', 'fail_parent'), statuses('cancelled', 'running', 'running'), 'resume'],
    ['continue waits for the rest after a failure', suspension('sync', 'continue'), statuses('failed', 'running', 'completed'), 'wait'],
    ['continue resumes once every child ended', suspension('async', 'continue'), statuses('failed', 'cancelled', 'completed'), 'resume'],
  ];

  it.each(cases)('%s', (_name, s, map, expected) => {
    expect(subWorkflowDecision(s, map)).toBe(expected);
  });

  it('ignores statuses of other executions', () => {
    expect(subWorkflowDecision(suspension('sync', 'fail_parent'), new Map([...statuses('completed', 'completed', 'completed'), ['other', 'failed']]))).toBe(
      'resume',
    );
  });
});
