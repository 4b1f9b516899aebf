// TaskService through a `task.external` workflow: a worker polls, extends its lease, completes on
// "main" or a declared port, or fails (the node's retry then creates a new task).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionErrorKind } from '../../../src/gen/prana/v1/errors.js';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect } from './support/calls.js';
import { describeEvent } from './support/events.js';
import { startTestService, type TestService } from './support/test-service.js';
import { externalTaskWorkflow } from './support/workflows.js';

describeEachBackend('external tasks', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
  });
  afterAll(() => t.close());

  /** A fresh task type (so tests never see each other's tasks) and an execution waiting on it. */
  async function waitingExecution(order: number) {
    const taskType = `work-${backend().name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const graphId = await a.graphOf(externalTaskWorkflow(taskType, `tasks-${taskType}`));
    const execution = must(await a.start({ graphId, input: { order }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!;
    return { taskType, execution };
  }

  it('hands the task to a polling worker with its facts and a lease, and lets the worker extend the lease', async () => {
    const { taskType, execution } = await waitingExecution(5);
    expect(execution.suspension?.kind?.$case).toBe('task');
    const [task, ...more] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType], maxTasks: 10 })).tasks;
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      taskType,
      input: { order: 5 },
      executionId: execution.id,
      nodeKey: 'work',
      runIndex: 0,
      attempt: 0,
      runKey: `${execution.id}:work:0`,
      outputPorts: ['rejected'],
    });
    const suspension = execution.suspension?.kind;
    expect(suspension?.$case === 'task' && suspension.value.taskId).toBe(task!.taskId);
    expect(task!.leaseExpiresAt!.getTime()).toBeGreaterThan(task!.createdAt!.getTime());
    // Leased: another poll gets nothing.
    expect(must(await a.poll({ workerId: 'bob', taskTypes: [taskType] })).tasks).toEqual([]);
    const extended = must(await a.extend({ taskId: task!.taskId, workerId: 'alice', leaseDurationMs: '3600000' }));
    expect(extended.leaseExpiresAt!.getTime()).toBeGreaterThan(task!.leaseExpiresAt!.getTime());
  });

  it('completes on "main": the execution resumes and completes with the output; a second completion changes nothing', async () => {
    const { taskType, execution } = await waitingExecution(6);
    const [task] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType] })).tasks;
    expect(must(await a.complete({ taskId: task!.taskId, workerId: 'alice', output: { shipped: true } }))).toEqual({ alreadyCompleted: false });
    expect(must(await a.complete({ taskId: task!.taskId, workerId: 'alice', output: { shipped: false } }))).toEqual({ alreadyCompleted: true });
    const { messages } = await collect(a.watch(execution.id, Number(execution.lastSeq)));
    expect(messages.map((m) => describeEvent(m.event))).toEqual([
      'executionResumed:work',
      'nodeCompleted:work',
      'nodeStarting:done',
      'nodeCompleted:done',
      'executionCompleted',
    ]);
    const final = must(await a.get({ executionId: execution.id })).execution;
    expect(final).toMatchObject({ status: ExecutionStatus.EXECUTION_STATUS_COMPLETED, output: { result: { shipped: true } } });
  });

  it('completes on a declared extra port', async () => {
    const { taskType, execution } = await waitingExecution(7);
    const [task] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType] })).tasks;
    must(await a.complete({ taskId: task!.taskId, workerId: 'alice', port: 'rejected' }));
    const { messages } = await collect(a.watch(execution.id, Number(execution.lastSeq)));
    expect(messages.map((m) => describeEvent(m.event))).toContain('nodeCompleted:rejected');
    const completedWork = messages.find((m) => describeEvent(m.event) === 'nodeCompleted:work')?.event?.event;
    expect(completedWork?.$case === 'nodeCompleted' && completedWork.value.port).toBe('rejected');
  });

  it('fails: the retry creates a new task for the next attempt, and the last failure fails the execution', async () => {
    const { taskType, execution } = await waitingExecution(8);
    const [first] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType] })).tasks;
    expect(
      must(await a.fail({ taskId: first!.taskId, workerId: 'alice', error: { code: 'out_of_stock', message: 'none left', details: { sku: 'a-1' } } })),
    ).toEqual({ alreadyFailed: false });
    expect(must(await a.fail({ taskId: first!.taskId, workerId: 'alice' }))).toEqual({ alreadyFailed: true });

    const [second] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType], waitMs: '10000' })).tasks;
    expect(second).toMatchObject({ attempt: 1, runIndex: 0, runKey: first!.runKey });
    expect(second!.taskId).not.toBe(first!.taskId);
    must(await a.fail({ taskId: second!.taskId, workerId: 'alice', error: { code: '', message: 'gave up', details: {} } }));

    const { messages } = await collect(a.watch(execution.id, Number(execution.lastSeq)));
    const retry = messages.find((m) => m.event?.event?.$case === 'nodeRetryScheduled')?.event?.event;
    expect(retry?.$case === 'nodeRetryScheduled' && retry.value).toMatchObject({
      run: { nodeKey: 'work', attempt: 0 },
      nextAttempt: 1,
      error: { code: 'out_of_stock', message: 'none left', details: { sku: 'a-1', node: 'work', action: 'task.external' } },
    });
    const final = must(await a.get({ executionId: execution.id })).execution;
    expect(final?.status).toBe(ExecutionStatus.EXECUTION_STATUS_FAILED);
    expect(final?.error).toMatchObject({ kind: ExecutionErrorKind.EXECUTION_ERROR_KIND_NODE, code: 'task_failed', message: 'gave up', nodeKey: 'work' });
    expect(final?.nodeExecutions.find((run) => run.nodeKey === 'work')).toMatchObject({ attempt: 1 });
  });

  describe('long poll', () => {
    it('waits up to wait_ms for a task that appears meanwhile', async () => {
      const taskType = `long-poll-${backend().name}-${Date.now()}`;
      const graphId = await a.graphOf(externalTaskWorkflow(taskType, `long-poll-${taskType}`));
      const polling = a.poll({ workerId: 'carol', taskTypes: [taskType], waitMs: '30000' }, { deadline: Date.now() + 60_000 });
      const execution = must(await a.start({ graphId, input: { order: 9 } })).execution!;
      const [task] = must(await polling).tasks;
      expect(task).toMatchObject({ executionId: execution.id, taskType });
    });

    it('answers with no task when nothing appears', async () => {
      expect(must(await a.poll({ workerId: 'carol', taskTypes: [`nothing-${Date.now()}`], waitMs: '50' })).tasks).toEqual([]);
    });
  });
});
