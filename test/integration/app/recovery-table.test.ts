// One test per row of the recovery table (docs/recovery.md): a replica breaks at a chosen store call
// (it crashes before or after the call takes effect, or the call fails), and the durable state it
// leaves is finished by another replica (or by itself), with no help from the caller.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../../src/app/ports/execution-store.js';
import type { IdempotencyRecord } from '../../../src/app/ports/idempotency-store.js';
import type { Execution } from '../../../src/domain/execution.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { currentSuspension } from '../../../src/engine/index.js';
import { testApp, type TestApp } from './app-fixture.js';
import { Crash, type BreakPoint } from './crash.js';
import { FakeTime } from '../../support/fake-time.js';

const LEASE_MS = 30_000;

/** A replica that breaks at `point`, and a healthy one over the same stores and clock. */
function pair(point: BreakPoint): { a: TestApp; b: TestApp; crash: Crash } {
  const time = new FakeTime();
  const crash = new Crash(point);
  const a = testApp(undefined, { time, timers: crash.timers(time), wrapStores: (stores) => crash.wrap(stores), owner: 'a' });
  const b = testApp(a, { owner: 'b' });
  return { a, b, crash };
}

/** The execution record a call writes (its first argument). */
const written = (args: readonly unknown[]): Omit<ExecutionRecord, 'revision'> => args[0] as Omit<ExecutionRecord, 'revision'>;
const writes = (test: (execution: Execution) => boolean) => (args: readonly unknown[]) => test(written(args).execution);

/** Lets the lease of the broken replica expire and the healthy replica's poller find what it left. */
async function afterLease(b: TestApp): Promise<void> {
  await b.time.advance(LEASE_MS + 1);
  await b.app.pollNow();
  await b.time.advance(2000);
}

async function statusOf(t: TestApp, id: string): Promise<string> {
  return (await t.app.getExecution(id)).execution.status;
}

const approval: WorkflowDefinition = {
  id: 'approval',
  name: 'approval',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'wait', type: 'wait.wait', params: { mode: 'webhook', timeout_hours: 1 } },
    { key: 'after', type: 'data.set_data', params: { mapping_map: { approved: '{{ $input.main.approved }}' } } },
  ],
  connections: [
    { from: 'start', to: 'wait' },
    { from: 'wait', to: 'after' },
  ],
};

const child: WorkflowDefinition = {
  id: 'child',
  name: 'child',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'double', type: 'data.set_data', params: { mapping_map: { doubled: '{{ $input.main.n * 2 }}' } } },
  ],
  connections: [{ from: 'start', to: 'double' }],
};

/** A child that waits for a webhook before ending (so it is still running when its parent ends). */
const waitingChild: WorkflowDefinition = {
  ...child,
  id: 'waiting-child',
  nodes: [...child.nodes, { key: 'hold', type: 'wait.wait', params: { mode: 'webhook' } }],
  connections: [
    { from: 'start', to: 'hold' },
    { from: 'hold', to: 'double' },
  ],
};

function parentOf(childGraph: string, mode: 'sync' | 'async' | 'fire_and_forget'): WorkflowDefinition {
  return {
    id: `parent-${mode}`,
    name: 'parent',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      {
        key: 'call',
        type: 'workflow.execute_workflow',
        params: { workflow_id: childGraph, execution_mode: mode, batch_mode: 'single', input_data: [{ n: 1 }, { n: 2 }] },
      },
      { key: 'done', type: 'data.set_data', params: { mapping_map: { children: '{{ $input.main }}' } } },
    ],
    connections: [
      { from: 'start', to: 'call' },
      { from: 'call', to: 'done' },
    ],
  };
}

const taskWorkflow: WorkflowDefinition = {
  id: 'task',
  name: 'task',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'work', type: 'task.external', params: { task_type: 'render' } },
    { key: 'done', type: 'data.set_data', params: { mapping_map: { result: '{{ $input.main }}' } } },
  ],
  connections: [
    { from: 'start', to: 'work' },
    { from: 'work', to: 'done' },
  ],
};

let server: Server | undefined;
afterEach(() => server?.close());

describe('recovery table', () => {
  it('row 1: a start request recorded, no execution yet — a retried StartExecution creates and runs it', async () => {
    const { a, b, crash } = pair({ call: 'idempotency.putIfAbsent', breakage: 'crash_after' });
    const graphId = await b.compile(approval);
    void a.app.startExecution({ graphId, input: {}, requestId: 'r1', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const { view, created } = await b.app.startExecution({ graphId, input: {}, requestId: 'r1', wait: 'settled' });
    expect(created).toBe(true);
    expect(view.execution.status).toBe('suspended');
  });

  it('row 2 (regression): an execution inserted but never started — it is started once the lease of its creator expires', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_before' });
    const graphId = await b.compile(approval);
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r2', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const stored = await b.stores.executions.get(view.execution.id);
    expect(stored).toMatchObject({ execution: { status: 'running', seq: 0 }, lease: { owner: 'a' } });
    expect(await b.app.pollNow()).toBe(0);
    await afterLease(b);
    expect(await statusOf(b, view.execution.id)).toBe('suspended');
    const events = await b.stores.events.read(view.execution.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('row 2 (regression): the first write after the insert fails — the creator itself starts it again once the store answers', async () => {
    const { a, crash } = pair({ call: 'executions.update', breakage: 'fail_before' });
    const graphId = await a.compile(approval);
    await expect(a.app.startExecution({ graphId, input: {}, requestId: 'r2b', wait: 'settled' })).rejects.toMatchObject({ reason: 'store_unavailable' });
    expect(crash.reached).toBe(true);
    await a.time.advance(1000);
    const { view, created } = await a.app.startExecution({ graphId, input: {}, requestId: 'r2b', wait: 'settled' });
    expect(created).toBe(false);
    expect(view.execution.status).toBe('suspended');
    expect(a.errors).toEqual([]);
  });

  it('row 5: children created, the parent’s suspension not written — the parent runs the node again, finds its children and resumes when they end', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_before', when: writes((e) => e.status === 'suspended' && e.parent === null) });
    const childGraph = await b.compile(child);
    const graphId = await b.compile(parentOf(childGraph, 'sync'));
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r5', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const children = await b.stores.executions.list({ namespace: 'default', limit: 10, parentExecutionId: view.execution.id });
    expect(children.map((c) => [c.execution.status, c.execution.seq])).toEqual([
      ['running', 0],
      ['running', 0],
    ]);
    await afterLease(b);
    const done = await b.app.getExecution(view.execution.id);
    expect(done.execution.status).toBe('completed');
    expect(done.output).toEqual({ children: [{ doubled: 2 }, { doubled: 4 }] });
  });

  it('row 6: a child ended, its parent not resumed — the child’s owed notice reaches the parent', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.parent !== null && e.status === 'completed') });
    const childGraph = await b.compile(child);
    const graphId = await b.compile(parentOf(childGraph, 'sync'));
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r6', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const ended = (await b.stores.executions.list({ namespace: 'default', limit: 10, parentExecutionId: view.execution.id })).find(
      (c) => c.execution.status === 'completed',
    );
    const record = await b.stores.executions.get(ended!.execution.id);
    expect(record?.effects).toEqual([{ kind: 'notify_parent', parentExecutionId: view.execution.id, parentNodeKey: 'call', parentRunIndex: 0 }]);
    await afterLease(b);
    expect(await statusOf(b, view.execution.id)).toBe('completed');
  });

  it('row 7: a parent suspended on sync children not started yet — the children start once the lease expires', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.status === 'suspended' && e.parent === null) });
    const childGraph = await b.compile(child);
    const graphId = await b.compile(parentOf(childGraph, 'sync'));
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r7', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect(await statusOf(b, view.execution.id)).toBe('suspended');
    await afterLease(b);
    expect((await b.app.getExecution(view.execution.id)).output).toEqual({ children: [{ doubled: 2 }, { doubled: 4 }] });
  });

  it('row 8: a fire-and-forget parent suspended and not resumed — its owed check resumes it, and its pending children start', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.status === 'suspended' && e.parent === null) });
    const childGraph = await b.compile(child);
    const graphId = await b.compile(parentOf(childGraph, 'fire_and_forget'));
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r8', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect((await b.stores.executions.get(view.execution.id))?.effects).toEqual([{ kind: 'check_suspension' }]);
    await afterLease(b);
    expect(await statusOf(b, view.execution.id)).toBe('completed');
    const children = await b.stores.executions.list({ namespace: 'default', limit: 10, parentExecutionId: view.execution.id });
    expect(children.map((c) => c.execution.status)).toEqual(['completed', 'completed']);
  });

  it('row 9: a task created, the suspension not written — the run is taken over and a worker’s result still arrives', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_before', when: writes((e) => e.status === 'suspended') });
    const graphId = await b.compile(taskWorkflow);
    const { view } = await a.app.startExecution({ graphId, input: { order: 7 }, requestId: 'r9', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const [task] = await b.app.pollTasks({ workerId: 'w', taskTypes: ['render'], maxTasks: 1, leaseMs: 0, waitMs: 0 });
    expect(task?.executionId).toBe(view.execution.id);
    await b.time.advance(LEASE_MS + 1);
    await b.app.completeTask(task!.taskId, 'w', { rendered: true }, '');
    const done = await b.app.getExecution(view.execution.id);
    expect(done.execution.status).toBe('completed');
    expect(done.output).toEqual({ result: { rendered: true } });
  });

  it('row 10: a task finished, its execution not advanced — whoever takes the lease over applies the task’s result', async () => {
    const { a, b, crash } = pair({ call: 'tasks.finish', breakage: 'crash_after' });
    const graphId = await b.compile(taskWorkflow);
    const { view } = await b.app.startExecution({ graphId, input: {}, requestId: 'r10', wait: 'settled' });
    const [task] = await a.app.pollTasks({ workerId: 'w', taskTypes: ['render'], maxTasks: 1, leaseMs: 0, waitMs: 0 });
    void a.app.completeTask(task!.taskId, 'w', { rendered: 1 }, '');
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect((await b.stores.tasks.get(task!.taskId))?.status).toBe('completed');
    expect(await statusOf(b, view.execution.id)).toBe('suspended');
    await afterLease(b);
    expect((await b.app.getExecution(view.execution.id)).output).toEqual({ result: { rendered: 1 } });
  });

  it('row 10: a task’s result written late, after another replica looked and let go — the replica that wrote it finds it and applies it', async () => {
    const { a, b, crash } = pair({ call: 'tasks.finish', breakage: 'hold' });
    const graphId = await b.compile(taskWorkflow);
    const { view } = await b.app.startExecution({ graphId, input: {}, requestId: 'r10b', wait: 'settled' });
    const [task] = await a.app.pollTasks({ workerId: 'w', taskTypes: ['render'], maxTasks: 1, leaseMs: 0, waitMs: 0 });
    const answer = a.app.completeTask(task!.taskId, 'w', { late: true }, '').then(
      () => 'answered',
      (error: unknown) => (error as { reason?: string }).reason,
    );
    await a.time.advance(0);
    expect(crash.reached).toBe(true);
    // The call stalls past the lease: b takes the execution over, finds nothing finished, lets go.
    await b.time.advance(LEASE_MS + 1);
    await b.app.pollNow();
    expect((await b.stores.executions.get(view.execution.id))?.lease).toMatchObject({ owner: 'b', until: 0 });
    crash.release();
    expect(await answer).toBe('conflict');
    await a.time.advance(1000);
    expect((await b.app.getExecution(view.execution.id)).output).toEqual({ result: { late: true } });
  });

  it('row 11: a Resume recorded, not applied — whoever takes the lease over applies the recorded data', async () => {
    const { a, b, crash } = pair({
      call: 'idempotency.putIfAbsent',
      breakage: 'crash_after',
      when: (args) => (args[0] as IdempotencyRecord).scope === 'resume-token',
    });
    const graphId = await b.compile(approval);
    const { view } = await b.app.startExecution({ graphId, input: {}, requestId: 'r11', wait: 'settled' });
    void a.app.resume({
      target: { kind: 'node', executionId: view.execution.id, nodeKey: 'wait' },
      data: { approved: 'yes' },
      requestId: 'resume-1',
      wait: 'none',
    });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect(await statusOf(b, view.execution.id)).toBe('suspended');
    await afterLease(b);
    expect((await b.app.getExecution(view.execution.id)).output).toEqual({ approved: 'yes' });
  });

  it('row 12: a cancel recorded on a running execution, then its owner stopped — the execution ends cancelled after the attempt in flight runs again', async () => {
    let hits = 0;
    server = createServer((_req, res) => {
      hits++;
      if (hits > 1) res.end('{}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.cancel !== null) });
    const graphId = await b.compile({
      id: 'slow',
      name: 'slow',
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'call', type: 'http.request', params: { url, timeout: 60_000 } },
        { key: 'after', type: 'data.set_data', params: { mapping_map: { never: true } } },
      ],
      connections: [
        { from: 'start', to: 'call' },
        { from: 'call', to: 'after' },
      ],
    });
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r12', wait: 'none' });
    while (hits === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    void a.app.cancelExecution(view.execution.id, 'stop it');
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    await afterLease(b);
    const done = await b.app.context.runtime.waitFor(view.execution.id, (e) => e.status === 'cancelled');
    expect(done.cancel?.reason).toBe('stop it');
    expect(done.runs.has('after')).toBe(false);
  });

  it('row 13: a parent cancelled, its children not cancelled yet — its owed cancellation reaches them', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.parent === null && e.status === 'cancelled') });
    const childGraph = await b.compile(waitingChild);
    const graphId = await b.compile(parentOf(childGraph, 'sync'));
    const { view } = await b.app.startExecution({ graphId, input: {}, requestId: 'r13', wait: 'settled' });
    const children = await b.stores.executions.list({ namespace: 'default', limit: 10, parentExecutionId: view.execution.id });
    expect(children.map((c) => c.execution.status)).toEqual(['suspended', 'suspended']);
    void a.app.cancelExecution(view.execution.id, 'enough');
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect((await b.stores.executions.get(view.execution.id))?.effects).toEqual([
      { kind: 'cancel_children', executionIds: children.map((c) => c.execution.id).sort(), reason: 'parent_cancelled' },
    ]);
    await afterLease(b);
    for (const c of children) expect(await statusOf(b, c.execution.id)).toBe('cancelled');
    expect((await b.stores.executions.get(view.execution.id))?.effects).toEqual([]);
  });

  it('row 14: the lease of a replica that stopped while handling a call that changed nothing — it is released', async () => {
    const { a, b, crash } = pair({ call: 'executions.claim', breakage: 'crash_after' });
    const graphId = await b.compile(approval);
    const { view } = await b.app.startExecution({ graphId, input: {}, requestId: 'r14', wait: 'settled' });
    void a.app.resume({ target: { kind: 'node', executionId: view.execution.id, nodeKey: 'wait' }, data: {}, wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    expect((await b.stores.executions.get(view.execution.id))?.lease).toMatchObject({ owner: 'a' });
    await afterLease(b);
    const record = await b.stores.executions.get(view.execution.id);
    expect(record?.execution.status).toBe('suspended');
    expect(record?.lease?.until).toBe(0);
    expect(await b.stores.executions.orphaned(b.time.now(), 10)).toEqual([]);
    const resumed = await b.app.resume({ target: { kind: 'node', executionId: view.execution.id, nodeKey: 'wait' }, data: { approved: 1 }, wait: 'terminal' });
    expect(resumed.view.output).toEqual({ approved: 1 });
  });

  it('row 16: a pending child due, its parent’s replica gone — any replica’s poller starts it', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.status === 'suspended' && e.parent === null) });
    const childGraph = await b.compile(child);
    const graphId = await b.compile(parentOf(childGraph, 'async'));
    const { view } = await a.app.startExecution({ graphId, input: {}, requestId: 'r16', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    await b.app.pollNow();
    await b.time.advance(1000);
    const children = await b.stores.executions.list({ namespace: 'default', limit: 10, parentExecutionId: view.execution.id });
    expect(children.map((c) => c.execution.status)).toEqual(['completed', 'completed']);
    expect((await b.app.getExecution(view.execution.id)).output).toEqual({ children: [{ doubled: 2 }, { doubled: 4 }] });
  });

  it('row 17: a wait due later, the replica that armed its timer gone — another replica fires it at its time', async () => {
    const { a, b, crash } = pair({ call: 'executions.update', breakage: 'crash_after', when: writes((e) => e.status === 'suspended') });
    const graphId = await b.compile({
      ...approval,
      id: 'interval',
      nodes: [approval.nodes[0]!, { key: 'wait', type: 'wait.wait', params: { mode: 'interval', duration: 20, unit: 'minutes' } }, approval.nodes[2]!],
    });
    void a.app.startExecution({ graphId, input: {}, requestId: 'r17', wait: 'none' });
    await a.time.advance(0);
    expect(crash.dead).toBe(true);
    const view = (await b.app.listExecutions({ statuses: [], labels: {}, pageSize: 1, pageToken: '' })).views[0]!;
    const due = (currentSuspension(view.execution) as { waitTill: number }).waitTill;
    // The poller's look-ahead arms a timer for the wake-up's exact time.
    b.app.start();
    await b.time.advance(due - b.time.now());
    const done = await b.app.getExecution(view.execution.id);
    expect(done.execution.status).toBe('completed');
    expect(done.execution.runs.get('wait')?.[0]?.completedAt).toBe(due);
    await b.app.stop();
  });

  it('row 22: a start without a request id that waits — stored by the drive’s first write, so a crash before it leaves nothing, and one after it leaves an execution any replica finishes', async () => {
    const chain: WorkflowDefinition = { ...child, id: 'quick-chain' };
    // Crash before the insert: nothing was acknowledged, nothing is left.
    const before = pair({ call: 'executions.insert', breakage: 'crash_before' });
    const graphId = await before.b.compile(chain);
    void before.a.app.startExecution({ graphId, input: { n: 2 }, wait: 'settled' });
    await before.a.time.advance(0);
    expect(before.crash.dead).toBe(true);
    expect((await before.b.app.listExecutions({ statuses: [], labels: {}, pageSize: 10, pageToken: '' })).views).toEqual([]);
    // Crash after the insert of a suspended execution: it is there for every replica, lease released.
    const after = pair({ call: 'executions.insert', breakage: 'crash_after' });
    const approvalId = await after.b.compile(approval);
    void after.a.app.startExecution({ graphId: approvalId, input: {}, wait: 'settled' });
    await after.a.time.advance(0);
    expect(after.crash.dead).toBe(true);
    const [left] = (await after.b.app.listExecutions({ statuses: [], labels: {}, pageSize: 10, pageToken: '' })).views;
    expect(left?.execution.status).toBe('suspended');
    const events = await after.b.stores.events.read(left!.execution.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const resumed = await after.b.app.resume({
      target: { kind: 'node', executionId: left!.execution.id, nodeKey: 'wait' },
      data: { approved: true },
      wait: 'settled',
    });
    expect(resumed.view.execution.status).toBe('completed');
  });

  it('row 22: a start without a request id that runs to its end in one drive writes to the store twice (its events, then its record)', async () => {
    const calls: string[] = [];
    const time = new FakeTime();
    const counting = testApp(undefined, {
      time,
      wrapStores: (stores) =>
        Object.fromEntries(
          Object.entries(stores).map(([name, store]) => [
            name,
            new Proxy(store as object, {
              get(target, property, receiver) {
                const value = Reflect.get(target, property, receiver) as unknown;
                if (typeof value !== 'function') return value;
                return (...args: unknown[]) => {
                  calls.push(`${name}.${String(property)}`);
                  return (value as (...a: unknown[]) => unknown).apply(target, args);
                };
              },
            }),
          ]),
        ) as never,
    });
    const graphId = await counting.compile({ ...child, id: 'quick-chain' });
    calls.length = 0;
    const { view } = await counting.app.startExecution({ graphId, input: { n: 2 }, wait: 'settled' });
    expect(view.execution.status).toBe('completed');
    expect(calls.filter((c) => !c.startsWith('graphs.'))).toEqual(['events.append', 'executions.insert']);
    // With a request id, the id is reserved and the execution inserted before it runs.
    calls.length = 0;
    await counting.app.startExecution({ graphId, input: { n: 2 }, requestId: 'r22', wait: 'settled' });
    expect(calls.filter((c) => !c.startsWith('graphs.'))).toEqual([
      'idempotency.putIfAbsent',
      'idempotency.putIfAbsent',
      'executions.insert',
      'events.append',
      'executions.update',
    ]);
  });
});
