// Retried and concurrent duplicate calls: StartExecution with the same execution_id or request_id
// creates exactly one execution; Resume of one suspension resumes it exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect, readUntil } from './support/calls.js';
import { kindOf } from './support/events.js';
import { startTestService, type TestService } from './support/test-service.js';
import { webhookWorkflow } from './support/workflows.js';

const CONCURRENCY = 12;

describeEachBackend('idempotency', (backend) => {
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
    graphId = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  /** A label value unique to one test, to count its executions with ListExecutions. */
  const unique = (name: string): string => `${name}-${backend().name}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

  async function executionsLabelled(batch: string): Promise<string[]> {
    return must(await a.list({ labels: { batch } })).executions.map((e) => e.id);
  }

  describe('StartExecution', () => {
    it('creates exactly one execution for concurrent duplicate calls with the same request_id', async () => {
      const batch = unique('start-request');
      const request = { graphId, requestId: batch, input: { n: 1 }, labels: { batch }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED };
      const answers = (await Promise.all(Array.from({ length: CONCURRENCY }, () => a.start(request)))).map(must);
      expect(answers.filter((answer) => answer.created)).toHaveLength(1);
      expect(new Set(answers.map((answer) => answer.execution!.id)).size).toBe(1);
      expect(answers.every((answer) => answer.execution!.status === ExecutionStatus.EXECUTION_STATUS_SUSPENDED)).toBe(true);
      expect(await executionsLabelled(batch)).toEqual([answers[0]!.execution!.id]);
      // It ran once: one execution_started in its history.
      const messages = await readUntil(a.watch(answers[0]!.execution!.id), (m) => kindOf(m.event) === 'executionSuspended');
      expect(messages.filter((m) => kindOf(m.event) === 'executionStarted')).toHaveLength(1);
    });

    it('creates exactly one execution for concurrent duplicate calls with the same execution_id', async () => {
      const batch = unique('start-id');
      const request = { graphId, executionId: batch, input: { n: 2 }, labels: { batch }, wait: ExecutionWait.EXECUTION_WAIT_NONE };
      const answers = (await Promise.all(Array.from({ length: CONCURRENCY }, () => a.start(request)))).map(must);
      expect(answers.filter((answer) => answer.created)).toHaveLength(1);
      expect(answers.every((answer) => answer.execution!.id === batch)).toBe(true);
      expect(await executionsLabelled(batch)).toEqual([batch]);
    });

    it('answers a later retry with the same execution and created = false', async () => {
      const batch = unique('start-retry');
      const request = { graphId, requestId: batch, labels: { batch }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED };
      const first = must(await a.start(request));
      const retry = must(await a.start(request));
      expect(first.created).toBe(true);
      expect(retry).toMatchObject({ created: false, execution: { id: first.execution!.id, lastSeq: first.execution!.lastSeq } });
    });
  });

  describe('Resume', () => {
    /** Resumes the suspension `count` times at once, by token or by node, and returns the answers. */
    async function resumeConcurrently(by: 'token' | 'node', requestId: (i: number) => string) {
      const execution = must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!;
      const target =
        by === 'token'
          ? { $case: 'resumeToken' as const, value: execution.suspension!.resumeToken }
          : { $case: 'node' as const, value: { executionId: execution.id, nodeKey: 'wait' } };
      const answers = (
        await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => a.resume({ target, data: { approved: i }, requestId: requestId(i) })))
      ).map(must);
      const { messages } = await collect(a.watch(execution.id));
      return { answers, history: messages };
    }

    it('resumes exactly once for concurrent duplicate calls with the same token, whatever their request ids', async () => {
      const { answers, history } = await resumeConcurrently('token', (i) => `token-${i}`);
      expect(answers.filter((answer) => !answer.alreadyResumed)).toHaveLength(1);
      expect(history.filter((m) => kindOf(m.event) === 'executionResumed')).toHaveLength(1);
      expect(kindOf(history.at(-1)?.event)).toBe('executionCompleted');
    });

    it('resumes exactly once for concurrent duplicate calls by node with the same request_id', async () => {
      const { answers, history } = await resumeConcurrently('node', () => 'same-request');
      expect(answers.filter((answer) => !answer.alreadyResumed)).toHaveLength(1);
      expect(history.filter((m) => kindOf(m.event) === 'executionResumed')).toHaveLength(1);
      // The data of the one resume that ran is the output; the others changed nothing.
      const winner = answers.findIndex((answer) => !answer.alreadyResumed);
      const completed = history.at(-1)?.event?.event;
      expect(completed?.$case === 'executionCompleted' && completed.value.output).toEqual({ approved: winner, greeting: 'hello' });
    });
  });
});
