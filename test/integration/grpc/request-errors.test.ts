// Every request failure a caller can provoke through the three services, with its status code,
// ErrorInfo reason and metadata, BadRequest field violations and ResourceInfo (proto/prana/v1/errors.proto).
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, mustFail, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect, readUntil } from './support/calls.js';
import { kindOf } from './support/events.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';
import { chainWorkflow, externalTaskWorkflow, pauseThenWebhookWorkflow, webhookWorkflow } from './support/workflows.js';

const MIB = 1024 * 1024;

describeEachBackend('request errors', (backend) => {
  let t: TestService;
  let a: Api;
  let webhook: string;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
    webhook = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  /** A webhook execution suspended on `wait`. */
  async function suspendedExecution() {
    return must(await a.start({ graphId: webhook, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!;
  }

  describe('WorkflowService', () => {
    it('refuses CompileWorkflow without a workflow: INVALID_ARGUMENT invalid_request on `workflow`', async () => {
      expectStatus(mustFail(await a.compile(undefined as never)), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['workflow'] });
    });

    it('refuses GetWorkflowGraph without an id, and answers NOT_FOUND with ResourceInfo for an unknown one', async () => {
      expectStatus(mustFail(await a.getGraph('')), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['graph_id'] });
      expectStatus(mustFail(await a.getGraph('f'.repeat(64))), {
        code: status.NOT_FOUND,
        reason: 'not_found',
        resource: { type: 'prana.v1.ExecutionGraph', name: 'f'.repeat(64) },
      });
    });
  });

  describe('StartExecution', () => {
    it('reports every edge violation at once: graph_id, request_id length, input size', async () => {
      const error = mustFail(await a.start({ graphId: '', requestId: 'r'.repeat(129), input: { blob: 'x'.repeat(MIB) } }));
      expectStatus(error, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['graph_id', 'request_id', 'input'] });
    });

    it('refuses a malformed execution_id and label key with their proto paths', async () => {
      expectStatus(mustFail(await a.start({ graphId: webhook, executionId: 'no spaces allowed' })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['execution_id'],
      });
      expectStatus(mustFail(await a.start({ graphId: webhook, labels: { 'bad key': 'v' } })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['labels["bad key"]'],
      });
    });

    it('refuses numbers JSON cannot hold and enum values the contract does not define', async () => {
      expectStatus(mustFail(await a.start({ graphId: webhook, input: { n: Number.NaN } })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['input["n"]'],
      });
      expectStatus(mustFail(await a.start({ graphId: webhook, wait: 9 as ExecutionWait })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['wait'],
      });
    });

    it('answers NOT_FOUND with ResourceInfo for an unknown graph', async () => {
      expectStatus(mustFail(await a.start({ graphId: 'no-such-graph' })), {
        code: status.NOT_FOUND,
        reason: 'not_found',
        resource: { type: 'prana.v1.ExecutionGraph', name: 'no-such-graph' },
      });
    });

    it('answers ALREADY_EXISTS execution_id_conflict for a used execution_id with a different request', async () => {
      const executionId = `conflict-${backend().name}-${Date.now()}`;
      must(await a.start({ graphId: webhook, executionId, input: { v: 1 } }));
      expectStatus(mustFail(await a.start({ graphId: webhook, executionId, input: { v: 2 } })), {
        code: status.ALREADY_EXISTS,
        reason: 'execution_id_conflict',
        metadata: { execution_id: executionId },
      });
    });

    it('answers ALREADY_EXISTS request_id_conflict for a used request_id with a different request', async () => {
      const requestId = `request-${backend().name}-${Date.now()}`;
      must(await a.start({ graphId: webhook, requestId, input: { v: 1 } }));
      expectStatus(mustFail(await a.start({ graphId: webhook, requestId, input: { v: 2 } })), {
        code: status.ALREADY_EXISTS,
        reason: 'request_id_conflict',
        metadata: { request_id: requestId },
      });
    });
  });

  describe('WatchExecution, GetExecution, ListExecutions', () => {
    it('ends a watch with INVALID_ARGUMENT for an empty id or a negative after_seq, and NOT_FOUND for an unknown execution', async () => {
      expectStatus((await collect(a.watch(''))).error!, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
      expectStatus((await collect(a.watch('x', -1))).error!, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['after_seq'] });
      const missing = await collect(a.watch('no-such-execution'));
      expect(missing.messages).toEqual([]);
      expectStatus(missing.error!, { code: status.NOT_FOUND, reason: 'not_found', resource: { type: 'prana.v1.Execution', name: 'no-such-execution' } });
    });

    it('refuses GetExecution without an id or with an undefined view, and answers NOT_FOUND for an unknown one', async () => {
      expectStatus(mustFail(await a.get({ executionId: '' })), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
      expectStatus(mustFail(await a.get({ executionId: 'x', view: 7 as ExecutionView })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['view'],
      });
      expectStatus(mustFail(await a.get({ executionId: 'no-such-execution' })), {
        code: status.NOT_FOUND,
        reason: 'not_found',
        resource: { type: 'prana.v1.Execution', name: 'no-such-execution' },
      });
    });

    it('refuses bad ListExecutions paging and filters with the field at fault', async () => {
      expectStatus(mustFail(await a.list({ pageSize: -1 })), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['page_size'] });
      expectStatus(mustFail(await a.list({ pageToken: 'garbage' })), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['page_token'] });
      expectStatus(mustFail(await a.list({ createdAfter: new Date(2000), createdBefore: new Date(1000) })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['created_after'],
      });
      expectStatus(mustFail(await a.list({ statuses: [42 as ExecutionStatus] })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['statuses[0]'],
      });
    });

    it('refuses a page token issued for other filters', async () => {
      const labels = { token: `${Date.now()}` };
      await suspendedExecution();
      must(await a.start({ graphId: webhook, labels, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
      must(await a.start({ graphId: webhook, labels, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
      const first = must(await a.list({ labels, pageSize: 1 }));
      expect(first.nextPageToken).not.toBe('');
      expectStatus(mustFail(await a.list({ labels: { other: 'filter' }, pageSize: 1, pageToken: first.nextPageToken })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['page_token'],
      });
    });
  });

  describe('Resume', () => {
    it('refuses a request without a target, with empty node fields, or with data over 1 MiB', async () => {
      expectStatus(mustFail(await a.resume({})), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['target'] });
      expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: '', nodeKey: '' } } })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['node.execution_id', 'node.node_key'],
      });
      expectStatus(mustFail(await a.resume({ target: { $case: 'resumeToken', value: 't' }, data: 'x'.repeat(MIB) })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['data'],
      });
    });

    it('answers INVALID_ARGUMENT invalid_token for a token this service did not issue', async () => {
      expectStatus(mustFail(await a.resume({ target: { $case: 'resumeToken', value: 'forged.token' } })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_token',
      });
    });

    it('answers NOT_FOUND for an unknown execution', async () => {
      expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: 'no-such-execution', nodeKey: 'wait' } } })), {
        code: status.NOT_FOUND,
        reason: 'not_found',
        resource: { type: 'prana.v1.Execution', name: 'no-such-execution' },
      });
    });

    it('answers FAILED_PRECONDITION wrong_node naming the suspended node', async () => {
      const execution = await suspendedExecution();
      expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: execution.id, nodeKey: 'done' } } })), {
        code: status.FAILED_PRECONDITION,
        reason: 'wrong_node',
        metadata: { suspended_node_key: 'wait' },
      });
    });

    it('answers FAILED_PRECONDITION not_suspended with the status as its proto enum name', async () => {
      const chain = await a.graphOf(chainWorkflow(1));
      const { execution } = must(await a.start({ graphId: chain, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
      expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: execution!.id, nodeKey: 'n1' } } })), {
        code: status.FAILED_PRECONDITION,
        reason: 'not_suspended',
        metadata: { status: 'EXECUTION_STATUS_COMPLETED' },
      });
    });

    it('answers FAILED_PRECONDITION stale_token for the token of a suspension that is no longer current', async () => {
      const graphId = await a.graphOf(pauseThenWebhookWorkflow());
      const { execution } = must(await a.start({ graphId }));
      const events = await readUntil(
        a.watch(execution!.id),
        (m) => kindOf(m.event) === 'nodeSuspended' && (m.event?.event?.value as { run?: { nodeKey: string } }).run?.nodeKey === 'wait',
      );
      const pause = events.find((m) => m.event?.event?.$case === 'nodeSuspended')?.event?.event;
      const pauseToken = pause?.$case === 'nodeSuspended' ? pause.value.suspension!.resumeToken : '';
      expect(pauseToken).not.toBe('');
      expectStatus(mustFail(await a.resume({ target: { $case: 'resumeToken', value: pauseToken } })), {
        code: status.FAILED_PRECONDITION,
        reason: 'stale_token',
      });
    });

    it('answers FAILED_PRECONDITION not_resumable with the suspension kind as its proto enum name', async () => {
      const graphId = await a.graphOf(externalTaskWorkflow(`not-resumable-${backend().name}`));
      const { execution } = must(await a.start({ graphId, input: { order: 1 }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
      expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: execution!.id, nodeKey: 'work' } } })), {
        code: status.FAILED_PRECONDITION,
        reason: 'not_resumable',
        metadata: { kind: 'SUSPENSION_KIND_TASK' },
      });
    });
  });

  describe('CancelExecution', () => {
    it('refuses an empty id, answers NOT_FOUND for an unknown one and already_terminal for a completed one', async () => {
      expectStatus(mustFail(await a.cancel('')), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['execution_id'] });
      expectStatus(mustFail(await a.cancel('no-such-execution')), {
        code: status.NOT_FOUND,
        reason: 'not_found',
        resource: { type: 'prana.v1.Execution', name: 'no-such-execution' },
      });
      const chain = await a.graphOf(chainWorkflow(1));
      const { execution } = must(await a.start({ graphId: chain, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
      expectStatus(mustFail(await a.cancel(execution!.id)), {
        code: status.FAILED_PRECONDITION,
        reason: 'already_terminal',
        metadata: { status: 'EXECUTION_STATUS_COMPLETED' },
      });
    });
  });

  describe('TaskService', () => {
    it('refuses PollTasks values out of range, naming every field', async () => {
      const error = mustFail(await a.poll({ workerId: '', taskTypes: [], maxTasks: 101, leaseDurationMs: '500', waitMs: '60001' }));
      expectStatus(error, {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['worker_id', 'max_tasks', 'wait_ms', 'task_types', 'lease_duration_ms'],
      });
    });

    it('refuses task calls without ids, and answers NOT_FOUND with ResourceInfo for an unknown task', async () => {
      expectStatus(mustFail(await a.complete({ taskId: '', workerId: '' })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['task_id', 'worker_id'],
      });
      expectStatus(mustFail(await a.fail({ taskId: 't', workerId: '' })), { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['worker_id'] });
      expectStatus(mustFail(await a.extend({ taskId: 't', workerId: 'w', leaseDurationMs: '999' })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['lease_duration_ms'],
      });
      const missing = { taskId: 'no-such-task', workerId: 'w' };
      const errors = [mustFail(await a.complete(missing)), mustFail(await a.fail(missing)), mustFail(await a.extend(missing))];
      for (const error of errors)
        expectStatus(error, { code: status.NOT_FOUND, reason: 'not_found', resource: { type: 'prana.v1.Task', name: 'no-such-task' } });
    });

    it("refuses an output over the node output limit, an undeclared port, another worker's lease and a closed task", async () => {
      const taskType = `errors-${backend().name}-${Date.now()}`;
      const graphId = await a.graphOf(externalTaskWorkflow(taskType));
      must(await a.start({ graphId, input: { order: 1 }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
      const [task] = must(await a.poll({ workerId: 'alice', taskTypes: [taskType], maxTasks: 1 })).tasks;
      expect(task).toBeDefined();
      const taskId = task!.taskId;
      expectStatus(mustFail(await a.complete({ taskId, workerId: 'alice', output: 'x'.repeat(4 * MIB + 1) })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_request',
        fields: ['output'],
      });
      expectStatus(mustFail(await a.complete({ taskId, workerId: 'alice', port: 'nope' })), {
        code: status.INVALID_ARGUMENT,
        reason: 'invalid_port',
        metadata: { port: 'nope' },
        fields: ['port'],
      });
      const held = expectStatus(mustFail(await a.complete({ taskId, workerId: 'bob' })), { code: status.FAILED_PRECONDITION, reason: 'lease_not_held' });
      expect(held.metadata.lease_expires_at).toBe(task!.leaseExpiresAt!.toISOString());
      expectStatus(mustFail(await a.extend({ taskId, workerId: 'bob' })), { code: status.FAILED_PRECONDITION, reason: 'lease_not_held' });
      must(await a.fail({ taskId, workerId: 'alice', error: { code: 'boom', message: 'broken', details: {} } }));
      expectStatus(mustFail(await a.complete({ taskId, workerId: 'alice' })), { code: status.FAILED_PRECONDITION, reason: 'task_closed' });
      expectStatus(mustFail(await a.extend({ taskId, workerId: 'alice' })), { code: status.FAILED_PRECONDITION, reason: 'task_closed' });
    });
  });
});
