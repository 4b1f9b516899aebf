// compile → start (wait none / settled / terminal) → watch → resume by node and by token → get / list
// → cancel, through the generated grpc-js clients, against each store.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionErrorKind } from '../../../src/gen/prana/v1/errors.js';
import { ResumeReason } from '../../../src/gen/prana/v1/events.js';
import { ExecutionMode } from '../../../src/gen/prana/v1/execution_mode.js';
import { ExecutionStatus, NodeExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { SuspensionKind } from '../../../src/gen/prana/v1/suspension.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect, readUntil } from './support/calls.js';
import { describeEvent, kindOf, range, seqsOf } from './support/events.js';
import { startTestService, type TestService } from './support/test-service.js';
import { chainWorkflow, webhookWorkflow } from './support/workflows.js';

const SUSPENDED_HISTORY = [
  'executionStarted',
  'nodeStarting:start',
  'nodeCompleted:start',
  'nodeStarting:wait',
  'nodeSuspended:wait',
  'executionSuspended:wait',
];

describeEachBackend('execution lifecycle', (backend) => {
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
    graphId = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  /** Starts the webhook workflow and waits until it is suspended on `wait`. */
  async function suspended(labels: Record<string, string> = {}) {
    const { execution } = must(
      await a.start({ graphId, input: { order: 7 }, labels, wait: ExecutionWait.EXECUTION_WAIT_SETTLED, view: ExecutionView.EXECUTION_VIEW_FULL }),
    );
    expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_SUSPENDED);
    return execution!;
  }

  describe('StartExecution', () => {
    it('answers with the BASIC view by default: status and derived output, no audit trail', async () => {
      const chain = await a.graphOf(chainWorkflow(2, 'basic-default'));
      const { execution } = must(await a.start({ graphId: chain, input: { v: 1 }, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
      expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
      expect(execution?.output).toBeDefined();
      expect(execution?.nodeExecutions).toEqual([]);
      expect(execution?.input).toBeUndefined();
    });

    it('answers at once with wait NONE, and the execution goes on to suspend', async () => {
      const { execution, created } = must(await a.start({ graphId, input: { order: 1 }, wait: ExecutionWait.EXECUTION_WAIT_NONE }));
      expect(created).toBe(true);
      expect(execution?.id).not.toBe('');
      expect([ExecutionStatus.EXECUTION_STATUS_RUNNING, ExecutionStatus.EXECUTION_STATUS_SUSPENDED]).toContain(execution?.status);
      const events = await readUntil(a.watch(execution!.id), (m) => kindOf(m.event) === 'executionSuspended');
      expect(events.map((m) => describeEvent(m.event))).toEqual(SUSPENDED_HISTORY);
    });

    it('with wait SETTLED answers with the suspended execution, its webhook suspension and resume token', async () => {
      const execution = await suspended();
      expect(execution).toMatchObject({
        graphId,
        workflowId: 'approval',
        workflowVersion: 1,
        mode: ExecutionMode.EXECUTION_MODE_ASYNC,
        input: { order: 7 },
        vars: { greeting: 'hello' },
        lastSeq: '6',
        suspension: { nodeKey: 'wait', runIndex: 0, executionIndex: 1, attempt: 0, kind: { $case: 'webhook' } },
      });
      expect(execution.suspension?.resumeToken).not.toBe('');
      const webhook = execution.suspension?.kind?.$case === 'webhook' ? execution.suspension.kind.value : undefined;
      expect(webhook?.expiresAt?.getTime()).toBe(execution.suspension!.suspendedAt!.getTime() + 3_600_000);
      expect(execution.nodeExecutions.map((run) => [run.nodeKey, run.nodeType, run.status])).toEqual([
        ['start', 'manual.trigger', NodeExecutionStatus.NODE_EXECUTION_STATUS_COMPLETED],
        ['wait', 'wait.wait', NodeExecutionStatus.NODE_EXECUTION_STATUS_SUSPENDED],
      ]);
      expect(execution.output).toBeUndefined();
      expect(execution.finishedAt).toBeUndefined();
    });

    it('with wait TERMINAL answers the completed execution with its derived final output', async () => {
      const chain = await a.graphOf(chainWorkflow(3));
      const { execution } = must(
        await a.start({ graphId: chain, input: null, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL, view: ExecutionView.EXECUTION_VIEW_FULL }),
      );
      expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
      expect(execution?.output).toEqual({ step: 3 });
      expect(execution?.finishedAt).toBeInstanceOf(Date);
      expect(execution?.nodeExecutions.map((run) => run.executionIndex)).toEqual([0, 1, 2, 3]);
    });
  });

  describe('WatchExecution', () => {
    it('replays the history in seq order and stays open while the execution is suspended', async () => {
      const execution = await suspended();
      const events = await readUntil(a.watch(execution.id), (_m, count) => count === 6);
      expect(seqsOf(events.map((m) => m.event))).toEqual(range(1, 6));
      expect(events.every((m) => m.event?.executionId === execution.id)).toBe(true);
      expect(events.map((m) => describeEvent(m.event))).toEqual(SUSPENDED_HISTORY);
      const started = events[0]?.event?.event;
      expect(started?.$case === 'executionStarted' && started.value).toMatchObject({
        graphId,
        workflowId: 'approval',
        mode: ExecutionMode.EXECUTION_MODE_ASYNC,
        input: { order: 7 },
      });
      const suspendedEvent = events[5]?.event?.event;
      expect(suspendedEvent?.$case === 'executionSuspended' && suspendedEvent.value).toMatchObject({
        nodeKey: 'wait',
        kind: SuspensionKind.SUSPENSION_KIND_WEBHOOK,
      });
    });

    it('delivers the resumption live and ends after execution_completed', async () => {
      const execution = await suspended();
      const stream = collect(a.watch(execution.id, 6));
      must(await a.resume({ target: { $case: 'node', value: { executionId: execution.id, nodeKey: 'wait' } }, data: { approved: true }, requestId: 'live-1' }));
      const { messages, error } = await stream;
      expect(error).toBeNull();
      expect(messages.map((m) => describeEvent(m.event))).toEqual([
        'executionResumed:wait',
        'nodeCompleted:wait',
        'nodeStarting:done',
        'nodeCompleted:done',
        'executionCompleted',
      ]);
      expect(seqsOf(messages.map((m) => m.event))).toEqual(range(7, 11));
      const resumed = messages[0]?.event?.event;
      expect(resumed?.$case === 'executionResumed' && resumed.value).toEqual({
        nodeKey: 'wait',
        reason: ResumeReason.RESUME_REASON_RESUME,
        requestId: 'live-1',
      });
      const completedWait = messages[1]?.event?.event;
      expect(completedWait?.$case === 'nodeCompleted' && completedWait.value).toMatchObject({ port: 'main', output: { approved: true }, resumed: true });
    });
  });

  describe('Resume', () => {
    it('resumes by execution id and node key; wait TERMINAL answers the completed execution', async () => {
      const execution = await suspended();
      const answer = must(
        await a.resume({
          target: { $case: 'node', value: { executionId: execution.id, nodeKey: 'wait' } },
          data: { approved: true },
          wait: ExecutionWait.EXECUTION_WAIT_TERMINAL,
        }),
      );
      expect(answer.alreadyResumed).toBe(false);
      expect(answer.execution).toMatchObject({ status: ExecutionStatus.EXECUTION_STATUS_COMPLETED, output: { approved: true, greeting: 'hello' } });
      expect(answer.execution?.suspension).toBeUndefined();
    });

    it('resumes by resume token; wait SETTLED answers once it completes', async () => {
      const execution = await suspended();
      const answer = must(
        await a.resume({
          target: { $case: 'resumeToken', value: execution.suspension!.resumeToken },
          data: { approved: false },
          wait: ExecutionWait.EXECUTION_WAIT_SETTLED,
        }),
      );
      expect(answer.execution).toMatchObject({
        id: execution.id,
        status: ExecutionStatus.EXECUTION_STATUS_COMPLETED,
        output: { approved: false, greeting: 'hello' },
      });
    });

    it('answers a repeated request_id with already_resumed and the current execution, running nothing again', async () => {
      const execution = await suspended();
      const target = { $case: 'node' as const, value: { executionId: execution.id, nodeKey: 'wait' } };
      must(await a.resume({ target, data: { approved: true }, requestId: 'r-1', wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
      const again = must(await a.resume({ target, data: { approved: false }, requestId: 'r-1' }));
      expect(again.alreadyResumed).toBe(true);
      expect(again.execution).toMatchObject({
        status: ExecutionStatus.EXECUTION_STATUS_COMPLETED,
        output: { approved: true, greeting: 'hello' },
        lastSeq: '11',
      });
    });
  });

  describe('GetExecution', () => {
    it('returns the FULL view by default and leaves out input, vars, state, node_executions and output in BASIC', async () => {
      const execution = await suspended({ team: 'ops' });
      const full = must(await a.get({ executionId: execution.id })).execution;
      expect(full).toMatchObject({ id: execution.id, input: { order: 7 }, vars: { greeting: 'hello' }, state: {}, labels: { team: 'ops' }, lastSeq: '6' });
      expect(full?.nodeExecutions).toHaveLength(2);
      const basic = must(await a.get({ executionId: execution.id, view: ExecutionView.EXECUTION_VIEW_BASIC })).execution;
      expect(basic).toMatchObject({ id: execution.id, status: ExecutionStatus.EXECUTION_STATUS_SUSPENDED, labels: { team: 'ops' }, lastSeq: '6' });
      expect(basic?.input).toBeUndefined();
      expect(basic?.vars).toBeUndefined();
      expect(basic?.state).toBeUndefined();
      expect(basic?.nodeExecutions).toEqual([]);
      expect(basic?.suspension?.nodeKey).toBe('wait');
      expect(basic?.createdAt).toBeInstanceOf(Date);
    });

    it('derives the error of a failed execution from its audit trail', async () => {
      const failing = await a.graphOf({
        ...chainWorkflow(1, 'failing'),
        nodes: [
          { key: 'start', name: '', type: 'manual.trigger', params: {}, settings: undefined },
          { key: 'n1', name: '', type: 'data.set_data', params: { mode: 'json', json_template: '{ not json' }, settings: undefined },
        ],
      });
      const { execution } = must(await a.start({ graphId: failing, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL, view: ExecutionView.EXECUTION_VIEW_FULL }));
      expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_FAILED);
      expect(execution?.error).toMatchObject({
        kind: ExecutionErrorKind.EXECUTION_ERROR_KIND_NODE,
        code: 'json_error',
        nodeKey: 'n1',
        details: { node: 'n1', action: 'data.set_data' },
      });
      expect(execution?.nodeExecutions.at(-1)).toMatchObject({
        nodeKey: 'n1',
        status: NodeExecutionStatus.NODE_EXECUTION_STATUS_FAILED,
        error: { code: 'json_error' },
      });
    });
  });

  describe('ListExecutions', () => {
    it('filters by label, status, graph and created time, newest first, paging with stable tokens', async () => {
      const suite = randomUUID();
      const first = await suspended({ suite });
      const second = await suspended({ suite });
      const third = await suspended({ suite, pick: 'me' });
      must(await a.cancel(second.id, 'not needed'));

      const all = must(await a.list({ labels: { suite } })).executions.map((e) => e.id);
      expect(all).toEqual([third.id, second.id, first.id].sort(newestFirst([first, second, third])));
      expect(must(await a.list({ labels: { suite, pick: 'me' } })).executions.map((e) => e.id)).toEqual([third.id]);
      expect(must(await a.list({ labels: { suite }, statuses: [ExecutionStatus.EXECUTION_STATUS_CANCELLED] })).executions.map((e) => e.id)).toEqual([
        second.id,
      ]);
      expect(must(await a.list({ labels: { suite }, statuses: [ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED] })).executions).toEqual([]);
      expect(must(await a.list({ labels: { suite }, graphId: 'no-such-graph' })).executions).toEqual([]);
      expect(must(await a.list({ labels: { suite }, graphId })).executions).toHaveLength(3);
      const after = must(await a.list({ labels: { suite }, createdAfter: third.createdAt })).executions;
      expect(after.map((e) => e.id)).toContain(third.id);
      expect(after.every((e) => e.createdAt!.getTime() >= third.createdAt!.getTime())).toBe(true);
      expect(must(await a.list({ labels: { suite }, createdBefore: first.createdAt })).executions).toEqual([]);

      const paged: string[] = [];
      let pageToken = '';
      do {
        const page = must(await a.list({ labels: { suite }, pageSize: 2, pageToken }));
        expect(page.executions.length).toBeLessThanOrEqual(2);
        paged.push(...page.executions.map((e) => e.id));
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      expect(paged).toEqual(all);
    });

    it('returns the BASIC view by default and FULL on request', async () => {
      const suite = randomUUID();
      await suspended({ suite });
      const [basic] = must(await a.list({ labels: { suite } })).executions;
      expect(basic?.input).toBeUndefined();
      expect(basic?.nodeExecutions).toEqual([]);
      const [full] = must(await a.list({ labels: { suite }, view: ExecutionView.EXECUTION_VIEW_FULL })).executions;
      expect(full?.input).toEqual({ order: 7 });
      expect(full?.nodeExecutions).toHaveLength(2);
    });
  });

  describe('CancelExecution', () => {
    it('ends a suspended execution CANCELLED with the reason in execution_cancelled; cancelling again changes nothing', async () => {
      const execution = await suspended();
      const cancelled = must(await a.cancel(execution.id, 'changed my mind')).execution;
      expect(cancelled?.status).toBe(ExecutionStatus.EXECUTION_STATUS_CANCELLED);
      expect(cancelled?.finishedAt).toBeInstanceOf(Date);
      expect(cancelled?.suspension).toBeUndefined();
      expect(cancelled?.nodeExecutions.find((run) => run.nodeKey === 'wait')?.status).toBe(NodeExecutionStatus.NODE_EXECUTION_STATUS_CANCELLED);
      const again = must(await a.cancel(execution.id, 'twice')).execution;
      expect(again).toMatchObject({ status: ExecutionStatus.EXECUTION_STATUS_CANCELLED, lastSeq: cancelled?.lastSeq });
      const { messages, error } = await collect(a.watch(execution.id, 6));
      expect(error).toBeNull();
      expect(messages.map((m) => m.event?.event)).toEqual([{ $case: 'executionCancelled', value: { reason: 'changed my mind', nodeKey: 'wait' } }]);
    });

    it('records "requested" in execution_cancelled when the caller gives no reason', async () => {
      const execution = await suspended();
      must(await a.cancel(execution.id));
      const { messages } = await collect(a.watch(execution.id, 6));
      expect(messages.map((m) => m.event?.event)).toEqual([{ $case: 'executionCancelled', value: { reason: 'requested', nodeKey: 'wait' } }]);
    });

    // The engine once ended a suspended execution without recording `execution.cancel`.
    it('regression: sets cancel_reason on a cancelled suspended execution', async () => {
      const execution = await suspended();
      expect(must(await a.cancel(execution.id, 'changed my mind')).execution?.cancelReason).toBe('changed my mind');
    });
  });
});

/** Sorts ids newest first by the executions' creation time, then id, both descending. */
function newestFirst(executions: readonly { id: string; createdAt?: Date | undefined }[]) {
  const created = new Map(executions.map((e) => [e.id, e.createdAt?.getTime() ?? 0]));
  return (a: string, b: string): number => created.get(b)! - created.get(a)! || (a < b ? 1 : a > b ? -1 : 0);
}
