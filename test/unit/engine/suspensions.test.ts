import { describe, expect, it } from 'vitest';
import { Run, compile, workflow } from './harness.js';

const T = ['t', 'manual.trigger'] as const;
const next = ['next', 'data.set_data', { mapping_map: '{{ $input }}' }] as const;
const HOUR = 3_600_000;

describe('wait.wait interval and schedule', () => {
  /*  t -> w -> next  */
  it('suspends durably and completes with pass-through when the timer fires', async () => {
    const run = await new Run(compile(workflow([T, ['w', 'wait.wait', { mode: 'interval', duration: 5, unit: 'seconds' }], next], ['t -> w', 'w -> next'])), {
      a: 1,
    }).start();
    expect(run.execution.status).toBe('suspended');
    expect(run.run('w').suspension).toMatchObject({
      kind: 'interval',
      waitTill: run.clock + 5000,
      nodeKey: 'w',
      runIndex: 0,
      executionIndex: 1,
      resumeToken: 'tok:exec-1:w:0:0:interval',
    });
    expect(run.events.filter((e) => e.type === 'execution_suspended')).toEqual([
      expect.objectContaining({ nodeKey: 'w', kind: 'interval', wakeAt: run.clock + 5000 }),
    ]);
    expect(run.persists).toEqual(['suspended']);
    await run.advanceAndWake(5000);
    expect(run.execution.status).toBe('completed');
    expect(run.events.find((e) => e.type === 'execution_resumed')).toMatchObject({ reason: 'timer' });
    expect(run.run('w')).toMatchObject({ status: 'completed', outputPort: 'main', output: { a: 1 } });
    expect(run.events.find((e) => e.type === 'node_completed' && e.nodeKey === 'w')).toMatchObject({ resumed: true, durationMs: 5000 });
    expect(run.trace.filter((t) => t === 'node_starting(w)')).toHaveLength(1);
  });

  it('completes with the resume data when a caller resumes early', async () => {
    const run = await new Run(
      compile(workflow([T, ['w', 'wait.wait', { mode: 'schedule', schedule_at: '2025-02-01T00:00:00Z' }], next], ['t -> w', 'w -> next'])),
    ).start();
    expect(run.run('w').suspension).toMatchObject({ kind: 'schedule', waitTill: Date.UTC(2025, 1, 1), timezone: 'UTC' });
    await run.resume({ reason: 'resume', data: { ok: true }, requestId: 'r1' });
    expect(run.run('next').output).toEqual({ main: { ok: true } });
    expect(run.events.find((e) => e.type === 'execution_resumed')).toMatchObject({ reason: 'resume', requestId: 'r1' });
  });
});

describe('wait.wait webhook', () => {
  /*  t -> w -> next ; w.timeout -> late  */
  const def = workflow(
    [T, ['w', 'wait.wait', { mode: 'webhook', timeout_hours: 1 }], next, ['late', 'data.set_data', { mapping_map: 'late' }]],
    ['t -> w', 'w -> next', 'w.timeout -> late'],
  );

  it('completes on main with the resume data', async () => {
    const run = await new Run(compile(def)).start();
    expect(run.run('w').suspension).toMatchObject({ kind: 'webhook', expiresAt: run.clock + HOUR });
    await run.resume({ reason: 'resume', data: 'payload' });
    expect(run.trace.slice(-5)).toEqual(['execution_resumed', 'node_completed(w)', 'node_starting(next)', 'node_completed(next)', 'execution_completed']);
    expect(run.run('next').output).toEqual({ main: 'payload' });
  });

  it('leaves on the timeout port with pass-through when the deadline passes', async () => {
    const run = await new Run(compile(def), { x: 1 }).start();
    await run.advanceAndWake(HOUR);
    expect(run.events.find((e) => e.type === 'execution_resumed')).toMatchObject({ reason: 'deadline' });
    expect(run.run('w')).toMatchObject({ outputPort: 'timeout', output: { x: 1 } });
    expect(run.execution.runs.has('next')).toBe(false);
    expect(run.run('late').output).toBe('late');
  });

  it('refuses a resume reason the suspension does not take', async () => {
    const run = await new Run(compile(def)).start();
    await run.resume({ reason: 'task', result: { kind: 'completed', output: 1, port: 'main' } });
    expect(run.lastRefusal).toMatchObject({ reason: 'not_resumable' });
    expect(run.execution.status).toBe('suspended');
  });
});

describe('sub-workflow suspension', () => {
  /*  t -> s -> next  */
  const def = (params: object) =>
    workflow([T, ['s', 'workflow.execute_workflow', { workflow_id: 'child-graph', ...params } as never], next], ['t -> s', 's -> next']);
  const graphs = new Set(['child-graph']);

  it('suspends with deterministic child ids and resumes with the child output', async () => {
    const run = await new Run(compile(def({})), { n: 1 }, { graphs }).start();
    const suspension = run.run('s').suspension;
    expect(suspension).toMatchObject({
      kind: 'sub_workflow',
      workflowId: 'child-graph',
      mode: 'sync',
      batchMode: 'all',
      childExecutionIds: ['exec-1/s/0/0/0'],
      timeoutAt: run.clock + 300_000,
    });
    await run.resume({ reason: 'sub_workflow', children: [{ executionId: 'exec-1/s/0/0/0', itemIndex: 0, status: 'completed', output: { done: true } }] });
    expect(run.events.find((e) => e.type === 'execution_resumed')).toMatchObject({ reason: 'sub_workflow' });
    expect(run.run('s').output).toEqual({ done: true });
    expect(run.execution.status).toBe('completed');
  });

  it('fails the parent node when a child failed, and cancels unfinished children', async () => {
    const run = await new Run(compile(def({ batch_mode: 'single', input_data: [1, 2] })), {}, { graphs }).start();
    await run.resume({
      reason: 'sub_workflow',
      children: [{ executionId: 'exec-1/s/0/0/1', itemIndex: 1, status: 'failed', error: { code: 'x', message: 'm' } }],
    });
    expect(run.run('s').error).toMatchObject({ code: 'sub_workflow_failed', details: { child_execution_id: 'exec-1/s/0/0/1', item_index: 1 } });
    expect(run.cancelledChildren).toEqual(['exec-1/s/0/0/0', 'exec-1/s/0/0/1']);
  });

  it('times out at timeout_at: children are cancelled and the node errors', async () => {
    const run = await new Run(compile(def({ timeout_ms: 1000 })), {}, { graphs }).start();
    await run.advanceAndWake(1000);
    expect(run.cancelledChildren).toEqual(['exec-1/s/0/0/0']);
    expect(run.run('s').error).toMatchObject({ code: 'sub_workflow_timeout', details: { timeout_ms: 1000 } });
  });

  it('fire_and_forget resumes with the child ids', async () => {
    const run = await new Run(compile(def({ execution_mode: 'fire_and_forget' })), {}, { graphs }).start();
    expect(run.run('s').suspension).toMatchObject({ mode: 'fire_and_forget', timeoutAt: null });
    await run.resume({ reason: 'sub_workflow', children: [] });
    expect(run.run('s').output).toEqual({ child_execution_id: 'exec-1/s/0/0/0' });
    expect(run.cancelledChildren).toEqual([]);
  });

  it('is refused by a caller resume', async () => {
    const run = await new Run(compile(def({})), {}, { graphs }).start();
    await run.resume({ reason: 'resume', data: 1 });
    expect(run.lastRefusal).toEqual({ reason: 'not_resumable', kind: 'sub_workflow' });
  });
});

describe('external task suspension', () => {
  /*  t -> task -> next ; task.review -> rev  */
  const def = workflow(
    [
      T,
      ['task', 'task.external', { task_type: 'ocr', output_ports: ['review'], timeout_ms: 1000 }],
      next,
      ['rev', 'data.set_data', { mapping_map: '{{ $input.main }}' }],
    ],
    ['t -> task', 'task -> next', 'task.review -> rev'],
  );

  it('completes on the port the worker names', async () => {
    const run = await new Run(compile(def), { doc: 1 }).start();
    expect(run.run('task').suspension).toMatchObject({
      kind: 'task',
      taskId: 'task:exec-1:task:0:0',
      taskType: 'ocr',
      timeoutAt: run.clock + 1000,
      input: { doc: 1 },
    });
    await run.resume({ reason: 'task', result: { kind: 'completed', output: { text: 'hi' }, port: 'review' } });
    expect(run.run('rev').output).toEqual({ text: 'hi' });
  });

  it('fails with the worker error, and retries it as any node error', async () => {
    const retrying = workflow([T, ['task', 'task.external', { task_type: 'ocr' }, { retryOnFailed: true, maxRetries: 1, retryDelayMs: 5 }]], ['t -> task']);
    const run = await new Run(compile(retrying)).start();
    await run.resume({ reason: 'task', result: { kind: 'failed', error: { code: 'bad_scan', message: 'unreadable' } } });
    expect(run.run('task').suspension).toMatchObject({ kind: 'retry', attempt: 1, error: { code: 'bad_scan' } });
    await run.advanceAndWake(5);
    expect(run.run('task').suspension).toMatchObject({ kind: 'task', taskId: 'task:exec-1:task:0:1' });
  });

  it('times out with task_timeout and cancels the task', async () => {
    const run = await new Run(compile(def)).start();
    await run.advanceAndWake(1000);
    expect(run.cancelledTasks).toEqual(['task:exec-1:task:0:0']);
    expect(run.run('task').error).toMatchObject({ code: 'task_timeout', message: 'External task timed out after 1000 ms' });
  });
});

describe('cancellation', () => {
  const waiting = workflow([T, ['w', 'wait.wait', { mode: 'webhook' }], next], ['t -> w', 'w -> next']);

  it('ends a suspended execution at once', async () => {
    const run = await new Run(compile(waiting)).start();
    await run.cancel('user asked');
    expect(run.trace.slice(-3)).toEqual(['node_suspended(w)', 'execution_suspended', 'execution_cancelled']);
    expect(run.events.at(-1)).toMatchObject({ reason: 'user asked', nodeKey: 'w' });
    expect(run.run('w').status).toBe('cancelled');
    expect(run.execution.status).toBe('cancelled');
    await run.resume({ reason: 'resume', data: 1 });
    expect(run.lastRefusal).toMatchObject({ reason: 'not_suspended' });
  });

  it('records the reason on the execution when cancelling a suspended one (regression: cancel_reason stayed empty)', async () => {
    const run = await new Run(compile(waiting)).start();
    await run.cancel('user asked');
    expect(run.execution.cancel).toEqual({ reason: 'user asked', requestedAt: run.clock, nodeKey: 'w' });
  });

  it('succeeds again on an already cancelled execution and refuses terminal ones', async () => {
    const run = await new Run(compile(waiting)).start();
    await run.cancel('a');
    const seq = run.execution.seq;
    await run.cancel('b');
    expect(run.lastRefusal).toBeNull();
    expect(run.execution.seq).toBe(seq);
    const done = await new Run(compile(workflow([T], []))).start();
    await done.cancel('late');
    expect(done.lastRefusal).toEqual({ reason: 'already_terminal', status: 'completed' });
  });

  it('cancels a sync sub-workflow suspension together with its children', async () => {
    const def = workflow([T, ['s', 'workflow.execute_workflow', { workflow_id: 'g' }]], ['t -> s']);
    const run = await new Run(compile(def), {}, { graphs: new Set(['g']) }).start();
    await run.cancel('stop');
    expect(run.cancelledChildren).toEqual(['exec-1/s/0/0/0']);
  });
});
