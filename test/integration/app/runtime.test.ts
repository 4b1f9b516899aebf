import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { AppError } from '../../../src/app/app-error.js';
import { testApp } from './app-fixture.js';
import { settle } from '../../support/fake-time.js';
import { approvalWorkflow } from '../../support/app-workflows.js';

const linear: WorkflowDefinition = {
  id: 'linear',
  name: 'linear',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'double', type: 'data.set_data', params: { mapping_map: { v: '{{ $input.main.v * 2 }}', region: '{{ $env.region }}' } } },
  ],
  connections: [{ from: 'start', to: 'double' }],
};

const approval = approvalWorkflow;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('starting executions', () => {
  it('runs to completion and answers with the derived output', async () => {
    const t = testApp();
    const graphId = await t.compile(linear);
    const { view, created } = await t.app.startExecution({ graphId, input: { v: 21 }, wait: 'settled' });
    expect(created).toBe(true);
    expect(view.execution.status).toBe('completed');
    expect(view.output).toEqual({ v: 42, region: 'eu' });
    const events = await t.stores.events.read(view.execution.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers a retried request with the same execution, never creating a second one', async () => {
    const t = testApp();
    const graphId = await t.compile(linear);
    const calls = await Promise.all(Array.from({ length: 5 }, () => t.app.startExecution({ graphId, input: { v: 1 }, requestId: 'req-1', wait: 'settled' })));
    expect(new Set(calls.map((c) => c.view.execution.id)).size).toBe(1);
    expect(calls.filter((c) => c.created)).toHaveLength(1);
    expect((await t.app.listExecutions({ statuses: [], labels: {}, pageSize: 10, pageToken: '' })).views).toHaveLength(1);
  });

  it('refuses a used execution_id for a different request with execution_id_conflict', async () => {
    const t = testApp();
    const graphId = await t.compile(linear);
    await t.app.startExecution({ graphId, input: { v: 1 }, executionId: 'mine', wait: 'none' });
    const again = await t.app.startExecution({ graphId, input: { v: 1 }, executionId: 'mine', wait: 'settled' });
    expect(again.created).toBe(false);
    const error = await rejection(t.app.startExecution({ graphId, input: { v: 2 }, executionId: 'mine', wait: 'none' }));
    expect([error.code, error.reason]).toEqual(['already_exists', 'execution_id_conflict']);
  });

  it('refuses an unknown graph with not_found', async () => {
    const t = testApp();
    const error = await rejection(t.app.startExecution({ graphId: 'nope', input: null, wait: 'none' }));
    expect([error.code, error.resource?.type]).toEqual(['not_found', 'prana.v1.ExecutionGraph']);
  });
});

describe('resuming', () => {
  it('resumes by node once; a repeated request id is answered, not re-run', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: { order: 7 }, wait: 'settled' });
    expect(view.execution.status).toBe('suspended');
    expect(view.suspension).toMatchObject({ kind: 'webhook', nodeKey: 'wait' });
    const target = { kind: 'node' as const, executionId: view.execution.id, nodeKey: 'wait' };
    const first = await t.app.resume({ target, data: { ok: true }, requestId: 'r1', wait: 'settled' });
    expect(first.alreadyResumed).toBe(false);
    expect(first.view.output).toEqual({ ok: true });
    const second = await t.app.resume({ target, data: { ok: false }, requestId: 'r1', wait: 'settled' });
    expect(second.alreadyResumed).toBe(true);
    expect(second.view.output).toEqual({ ok: true });
    const third = await rejection(t.app.resume({ target, data: 1, requestId: 'r2', wait: 'none' }));
    expect([third.code, third.reason, third.metadata.status]).toEqual(['failed_precondition', 'not_suspended', 'completed']);
  });

  it('resumes by token; concurrent resumes resume exactly once', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const token = view.suspension?.resumeToken as string;
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => t.app.resume({ target: { kind: 'token', token }, data: { n: i }, wait: 'settled' })));
    expect(results.filter((r) => !r.alreadyResumed)).toHaveLength(1);
    const events = await t.stores.events.read(view.execution.id, 0, 100);
    expect(events.filter((e) => e.type === 'execution_resumed')).toHaveLength(1);
  });

  it('carries out the retry of a Resume whose first call stopped before resuming (regression: it was answered already_resumed)', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const token = view.suspension?.resumeToken as string;
    const now = t.time.now();
    // What the first call had recorded when its process stopped.
    await t.stores.idempotency.putIfAbsent({
      scope: 'resume-token',
      key: token,
      fingerprint: 'r1',
      result: { execution_id: view.execution.id },
      createdAt: now,
    });
    await t.stores.idempotency.putIfAbsent({
      scope: 'resume',
      key: `${view.execution.id}:r1`,
      fingerprint: '',
      result: { execution_id: view.execution.id, token },
      createdAt: now,
    });
    const retried = await t.app.resume({ target: { kind: 'token', token }, data: { ok: 1 }, requestId: 'r1', wait: 'settled' });
    expect(retried.alreadyResumed).toBe(false);
    expect(retried.view.output).toEqual({ ok: 1 });
    const again = await t.app.resume({ target: { kind: 'token', token }, data: { ok: 2 }, requestId: 'r1', wait: 'settled' });
    expect(again.alreadyResumed).toBe(true);
  });

  it('gives typed refusals: invalid token, wrong node, expired token', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const bad = await rejection(t.app.resume({ target: { kind: 'token', token: 'abc.def' }, data: 1, wait: 'none' }));
    expect([bad.code, bad.reason]).toEqual(['invalid_argument', 'invalid_token']);
    const wrong = await rejection(t.app.resume({ target: { kind: 'node', executionId: view.execution.id, nodeKey: 'start' }, data: 1, wait: 'none' }));
    expect([wrong.reason, wrong.metadata.suspended_node_key]).toEqual(['wrong_node', 'wait']);
    const missing = await rejection(t.app.resume({ target: { kind: 'node', executionId: 'ghost', nodeKey: 'wait' }, data: 1, wait: 'none' }));
    expect(missing.code).toBe('not_found');
    await t.time.advance(3_600_000);
    const expired = await rejection(t.app.resume({ target: { kind: 'token', token: view.suspension?.resumeToken as string }, data: 1, wait: 'none' }));
    expect(expired.reason).toBe('token_expired');
  });
});

describe('timers', () => {
  it('fires an interval wait when its time comes, without a caller', async () => {
    const t = testApp();
    const graphId = await t.compile({
      ...approval,
      id: 'interval',
      nodes: [approval.nodes[0]!, { key: 'wait', type: 'wait.wait', params: { mode: 'interval', duration: 5, unit: 'seconds' } }, approval.nodes[2]!],
    });
    const { view } = await t.app.startExecution({ graphId, input: { x: 1 }, wait: 'settled' });
    expect(view.execution.status).toBe('suspended');
    await t.time.advance(4_999);
    expect((await t.app.getExecution(view.execution.id)).execution.status).toBe('suspended');
    await t.time.advance(1);
    const done = await t.app.getExecution(view.execution.id);
    expect(done.execution.status).toBe('completed');
    expect(done.output).toEqual({ x: 1 });
  });

  it('sets a timer that fired a little early again and holds no lease meanwhile (regression: such waits fired a lease period late)', async () => {
    const t = testApp();
    const graphId = await t.compile({
      ...approval,
      id: 'early',
      nodes: [approval.nodes[0]!, { key: 'wait', type: 'wait.wait', params: { mode: 'interval', duration: 5, unit: 'seconds' } }, approval.nodes[2]!],
    });
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    await t.time.advance(4_999);
    expect(await t.app.context.runtime.look(view.execution.id)).toBeNull();
    const record = await t.stores.executions.get(view.execution.id);
    expect(record?.lease === null || (record?.lease?.until ?? 0) <= t.time.now()).toBe(true);
    await t.time.advance(1);
    expect((await t.app.getExecution(view.execution.id)).execution.status).toBe('completed');
  });

  it('ends an expired webhook wait on its timeout port', async () => {
    const t = testApp();
    const graphId = await t.compile({
      ...approval,
      id: 'expiring',
      nodes: [...approval.nodes, { key: 'late', type: 'data.set_data', params: { mapping_map: 'late' } }],
      connections: [...approval.connections, { from: 'wait', fromPort: 'timeout', to: 'late' }],
    });
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    await t.time.advance(3_600_000);
    // An hour away is beyond the in-process timer horizon: the store poller finds it due.
    expect(await t.app.pollNow()).toBe(1);
    expect((await t.app.getExecution(view.execution.id)).output).toBe('late');
  });
});

describe('sub-workflows', () => {
  const child: WorkflowDefinition = {
    id: 'child',
    name: 'child',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'shout', type: 'data.set_data', params: { mapping_map: '{{ $input.main.word | upper_case }}' } },
    ],
    connections: [{ from: 'start', to: 'shout' }],
  };

  const parentOf = (childGraph: string, params: object): WorkflowDefinition => ({
    id: 'parent',
    name: 'parent',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'call', type: 'workflow.execute_workflow', params: { workflow_id: childGraph, ...params } as never },
    ],
    connections: [{ from: 'start', to: 'call' }],
  });

  it('runs a sync child and resumes the parent with its output', async () => {
    const t = testApp();
    const childGraph = await t.compile(child);
    const graphId = await t.compile(parentOf(childGraph, {}));
    const { view } = await t.app.startExecution({ graphId, input: { word: 'hi' }, wait: 'terminal' });
    expect(view.execution.status).toBe('completed');
    expect(view.output).toBe('HI');
    const childId = (await t.stores.events.read(view.execution.id, 0, 100)).find((e) => e.type === 'node_suspended');
    expect(childId).toBeDefined();
    expect(t.errors).toEqual([]);
  });

  it('collects single-mode children in item order', async () => {
    const t = testApp();
    const childGraph = await t.compile(child);
    const graphId = await t.compile(parentOf(childGraph, { batch_mode: 'single', input_data: [{ word: 'a' }, { word: 'b' }, { word: 'c' }] }));
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'terminal' });
    expect(view.output).toEqual(['A', 'B', 'C']);
  });

  it('fire_and_forget completes the parent at once and the children run on their own', async () => {
    const t = testApp();
    const childGraph = await t.compile(child);
    const graphId = await t.compile(
      parentOf(childGraph, {
        execution_mode: 'fire_and_forget',
        batch_mode: 'single',
        input_data: [{ word: 'x' }, { word: 'y' }],
        distribution_window_ms: 1000,
      }),
    );
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'terminal' });
    const ids = (view.output as { child_execution_ids: string[] }).child_execution_ids;
    expect(ids).toHaveLength(2);
    await t.time.advance(1000);
    for (const id of ids) expect((await t.app.getExecution(id)).execution.status).toBe('completed');
  });

  it('cancelling a parent cancels its sync child', async () => {
    const t = testApp();
    const waitingChild = await t.compile(approval);
    const graphId = await t.compile(parentOf(waitingChild, {}));
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    expect(view.execution.status).toBe('suspended');
    const childId = (view.suspension as unknown as { childExecutionIds: string[] }).childExecutionIds[0] as string;
    expect((await t.app.getExecution(childId)).execution.status).toBe('suspended');
    await t.app.cancelExecution(view.execution.id, 'stop');
    await settle();
    const childView = await t.app.getExecution(childId);
    expect(childView.execution.status).toBe('cancelled');
    expect(childView.execution.cancel).toMatchObject({ reason: 'parent_cancelled' });
  });
});

describe('external tasks', () => {
  const tasked: WorkflowDefinition = {
    id: 'tasked',
    name: 'tasked',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'ocr', type: 'task.external', params: { task_type: 'ocr', output_ports: ['review'] } },
      { key: 'ok', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
    ],
    connections: [
      { from: 'start', to: 'ocr' },
      { from: 'ocr', to: 'ok' },
    ],
  };

  it('hands the task to a worker and continues with its result', async () => {
    const t = testApp();
    const graphId = await t.compile(tasked);
    const { view } = await t.app.startExecution({ graphId, input: { doc: 1 }, wait: 'settled' });
    const [task] = await t.app.pollTasks({ workerId: 'w1', taskTypes: ['ocr'], maxTasks: 5, leaseMs: 1000, waitMs: 0 });
    expect(task).toMatchObject({ taskType: 'ocr', input: { doc: 1 }, executionId: view.execution.id, nodeKey: 'ocr' });
    const badPort = await rejection(t.app.completeTask(task!.taskId, 'w1', 1, 'nope'));
    expect(badPort.reason).toBe('invalid_port');
    expect(await t.app.completeTask(task!.taskId, 'w1', { text: 'hello' }, '')).toEqual({ alreadyCompleted: false });
    expect(await t.app.completeTask(task!.taskId, 'w1', { text: 'again' }, '')).toEqual({ alreadyCompleted: true });
    const done = await t.app.getExecution(view.execution.id);
    expect(done.output).toEqual({ text: 'hello' });
  });

  it('refuses to complete the task of a cancelled execution', async () => {
    const t = testApp();
    const graphId = await t.compile(tasked);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const taskId = (view.suspension as { taskId: string }).taskId;
    await t.app.cancelExecution(view.execution.id, 'no');
    const error = await rejection(t.app.completeTask(taskId, 'w1', 1, ''));
    expect([error.code, error.reason]).toEqual(['failed_precondition', 'task_closed']);
  });
});

describe('waiting', () => {
  it('sees a write that lands while its first check runs (regression: such a waiter was never woken)', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const id = view.execution.id;
    let first = true;
    const done = await t.app.context.runtime.waitFor(id, async (execution) => {
      if (first) {
        first = false;
        await t.app.resume({ target: { kind: 'node', executionId: id, nodeKey: 'wait' }, data: 1, wait: 'none' });
        await settle();
      }
      return execution.status === 'completed';
    });
    expect(done.status).toBe('completed');
  });
});

describe('watching', () => {
  it('replays from a middle seq and continues live without gaps or duplicates', async () => {
    const t = testApp();
    const graphId = await t.compile(approval);
    const { view } = await t.app.startExecution({ graphId, input: {}, wait: 'settled' });
    const seen: ExecutionEvent[] = [];
    const watching = (async () => {
      for await (const event of t.app.watchExecution(view.execution.id, 2)) seen.push(event);
    })();
    await settle();
    await t.app.resume({ target: { kind: 'node', executionId: view.execution.id, nodeKey: 'wait' }, data: 1, wait: 'settled' });
    await watching;
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: seen.length }, (_, i) => i + 3));
    expect(seen.at(-1)?.type).toBe('execution_completed');
  });
});
