// The streaming RPCs: WatchExecution resumed from a middle seq without gaps or duplicates, a client
// cancelling mid-stream, and RunExecution (a watcher too slow for its buffer: test/integration/app/watch.test.ts).
import { status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionWait, type RunExecutionResponse, type WatchExecutionResponse } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect, readUntil } from './support/calls.js';
import { eventually } from './support/eventually.js';
import { describeEvent, kindOf, range, seqsOf } from './support/events.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';
import { chainWorkflow, waitThenChainWorkflow } from './support/workflows.js';

const CHAIN = 8;
/** Events of waitThenChainWorkflow(CHAIN) after the resume: resumed, wait completed, 2 per chain node, completed. */
const TOTAL_EVENTS = 6 + 2 + 2 * CHAIN + 1;

describeEachBackend('watch and run streams', (backend) => {
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
    graphId = await a.graphOf(waitThenChainWorkflow(CHAIN));
  });
  afterAll(() => t.close());

  async function suspended(): Promise<string> {
    return must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!.id;
  }

  function resume(executionId: string) {
    return a.resume({ target: { $case: 'node', value: { executionId, nodeKey: 'wait' } }, data: { go: true } });
  }

  describe('WatchExecution', () => {
    it('resumes from a middle seq with no gap and no duplicate, across the switch from replay to live', async () => {
      const id = await suspended();
      const first = await readUntil(a.watch(id), (_m, count) => count === 3);
      expect(seqsOf(first.map((m) => m.event))).toEqual([1, 2, 3]);

      // Reconnect from seq 3 while the execution runs: the replayed part and the live part join up.
      const rest = collect(a.watch(id, 3));
      must(await resume(id));
      const { messages, error } = await rest;
      expect(error).toBeNull();
      expect(seqsOf(messages.map((m) => m.event))).toEqual(range(4, TOTAL_EVENTS));
      expect(kindOf(messages.at(-1)?.event)).toBe('executionCompleted');
    });

    it('resumes from every seq a dropped live watcher saw last', async () => {
      const id = await suspended();
      const live = readUntil(a.watch(id, 6), (_m, count) => count === 5);
      must(await resume(id));
      const seen = await live;
      expect(seqsOf(seen.map((m) => m.event))).toEqual(range(7, 11));
      const { messages } = await collect(a.watch(id, 11));
      expect(seqsOf(messages.map((m) => m.event))).toEqual(range(12, TOTAL_EVENTS));
    });

    it('replays only what follows after_seq for a terminal execution, and nothing after the last seq', async () => {
      const id = await suspended();
      must(await a.resume({ target: { $case: 'node', value: { executionId: id, nodeKey: 'wait' } }, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
      const tail = await collect(a.watch(id, TOTAL_EVENTS - 2));
      expect(seqsOf(tail.messages.map((m) => m.event))).toEqual([TOTAL_EVENTS - 1, TOTAL_EVENTS]);
      const none = await collect(a.watch(id, TOTAL_EVENTS));
      expect(none).toEqual({ messages: [], error: null });
    });

    it('lets a client cancel mid-stream: the client sees CANCELLED and the server drops its subscription', async () => {
      const id = await suspended();
      const stream = a.watch(id);
      const received: WatchExecutionResponse[] = [];
      const ended = new Promise<ServiceError>((resolve) => stream.on('error', resolve));
      stream.on('data', (message: WatchExecutionResponse) => {
        received.push(message);
        if (received.length === 6) stream.cancel();
      });
      expect((await ended).code).toBe(status.CANCELLED);
      expect(seqsOf(received.map((m) => m.event))).toEqual(range(1, 6));
      await eventually(() => !t.service.app.context.hub.watched(id), 'the server closes the hub subscription of the cancelled stream');
      // The execution is unaffected: it can still be resumed and watched to its end.
      must(await resume(id));
      expect(kindOf((await collect(a.watch(id, TOTAL_EVENTS - 1))).messages[0]?.event)).toBe('executionCompleted');
    });
  });

  describe('RunExecution', () => {
    it('streams from seq 1 until the execution is settled, saying on every message that it created it', async () => {
      const { messages, error } = await collect<RunExecutionResponse>(a.run({ graphId, requestId: `run-${backend().name}-${Date.now()}` }));
      expect(error).toBeNull();
      expect(seqsOf(messages.map((m) => m.event))).toEqual(range(1, 6));
      expect(messages.map((m) => describeEvent(m.event)).at(-1)).toBe('executionSuspended:wait');
      expect(messages.every((m) => m.created)).toBe(true);
    });

    it('replays the same events with created = false when retried with the same request_id', async () => {
      const requestId = `run-retry-${backend().name}-${Date.now()}`;
      const first = await collect<RunExecutionResponse>(a.run({ graphId, requestId, input: { n: 1 } }));
      const again = await collect<RunExecutionResponse>(a.run({ graphId, requestId, input: { n: 1 } }));
      expect(again.error).toBeNull();
      expect(again.messages.map((m) => m.event)).toEqual(first.messages.map((m) => m.event));
      expect(again.messages.every((m) => m.created === false)).toBe(true);
    });

    it('ends after execution_completed for a workflow that never suspends', async () => {
      const chain = await a.graphOf(chainWorkflow(3));
      const { messages, error } = await collect<RunExecutionResponse>(a.run({ graphId: chain, input: { hello: 'world' } }));
      expect(error).toBeNull();
      expect(messages.map((m) => describeEvent(m.event))).toEqual([
        'executionStarted',
        ...['start', 'n1', 'n2', 'n3'].flatMap((key) => [`nodeStarting:${key}`, `nodeCompleted:${key}`]),
        'executionCompleted',
      ]);
      const completed = messages.at(-1)?.event?.event;
      expect(completed?.$case === 'executionCompleted' && completed.value.output).toEqual({ step: 3 });
    });

    it('fails before the first message like StartExecution does', async () => {
      const { messages, error } = await collect<RunExecutionResponse>(a.run({ graphId: 'no-such-graph' }));
      expect(messages).toEqual([]);
      expectStatus(error!, { code: status.NOT_FOUND, reason: 'not_found', resource: { type: 'prana.v1.ExecutionGraph', name: 'no-such-graph' } });
    });
  });
});
