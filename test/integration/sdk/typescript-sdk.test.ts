// The TypeScript SDK (sdk/typescript) against a real service: typed errors, JSON values, the worker
// loop; and its watch reconnecting after the last seq when a stream breaks (a server that breaks the
// first stream on purpose).
import { Server, ServerCredentials, status, type ServerWritableStream } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, PranaClient, TaskFailure, watchExecution, Worker, Workflow } from '../../../sdk/typescript/src/index.js';
import { ExecutionCompletedEvent, ExecutionEvent } from '../../../sdk/typescript/src/gen/prana/v1/events.js';
import { Schedule } from '../../../sdk/typescript/src/gen/prana/v1/schedule.js';
import {
  ExecutionServiceService,
  type WatchExecutionRequest,
  type WatchExecutionResponse,
} from '../../../sdk/typescript/src/gen/prana/v1/execution_service.js';
import { startTestService, type TestService } from '../grpc/support/test-service.js';

const tasked = Workflow.fromPartial({
  id: 'sdk-ts',
  name: 'sdk-ts',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'work', type: 'task.external', params: { task_type: 'sdk.ts', input: '{{ $input.main }}' } },
  ],
  connections: [{ fromNode: 'start', toNode: 'work' }],
});

describe('TypeScript SDK against the service', () => {
  let t: TestService;
  let client: PranaClient;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' });
    client = new PranaClient(t.target, { namespace: 'sdk-ts' });
  });
  afterAll(async () => {
    client.close();
    await t.close();
  });

  it('answers refusals as PranaError with their reason and details', async () => {
    const missing = await client.get('nope').catch((error: unknown) => errorOf(error));
    expect(missing).toMatchObject({ code: status.NOT_FOUND, reason: 'not_found', resourceType: 'prana.v1.Execution' });
    const { graphId } = await client.compile(tasked);
    const invalid = await client.start({ graphId, labels: { 'bad key!': 'x' } }).catch((error: unknown) => errorOf(error));
    expect(invalid).toMatchObject({ code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: [{ field: 'labels["bad key!"]' }] });
  });

  it('reaches ScheduleService through its generated client: create, trigger, delete', async () => {
    const { graphId } = await client.compile(
      Workflow.fromPartial({ ...tasked, id: 'sdk-ts-scheduled', nodes: [{ key: 'start', type: 'manual.trigger' }], connections: [] }),
    );
    const created = await client.call(client.schedules, client.schedules.createSchedule, {
      schedule: Schedule.fromPartial({ scheduleId: 'sdk-hourly', spec: { intervals: [{ everyMs: '3600000', offsetMs: '0' }] }, action: { graphId } }),
    });
    expect(created.schedule).toMatchObject({ scheduleId: 'sdk-hourly', revision: '1', paused: false });
    const { executionId } = await client.call(client.schedules, client.schedules.triggerSchedule, { scheduleId: 'sdk-hourly', overlap: 0 });
    expect(executionId).toMatch(/^sdk-ts\/sched-sdk-hourly-/);
    await client.call(client.schedules, client.schedules.deleteSchedule, { scheduleId: 'sdk-hourly' });
    const gone = await client
      .call(client.schedules, client.schedules.getSchedule, { scheduleId: 'sdk-hourly', upcoming: 0 })
      .catch((error: unknown) => errorOf(error));
    expect(gone).toMatchObject({ code: status.NOT_FOUND, reason: 'not_found', resourceType: 'prana.v1.Schedule' });
  });

  it('serves tasks with the worker loop: completes with JSON output, fails with a node error', async () => {
    const { graphId } = await client.compile(tasked);
    const ok = (await client.start({ graphId, input: { n: 2, tags: ['a'] } })).execution!.id;
    const bad = (await client.start({ graphId, input: { n: -1 } })).execution!.id;
    const worker = new Worker({
      client,
      workerId: 'sdk-ts-worker',
      taskTypes: ['sdk.ts'],
      leaseMs: 3000,
      handle: (_task, input) => {
        const { n, tags } = input as { n: number; tags?: string[] };
        if (n < 0) throw new TaskFailure('negative', 'n is negative', { n });
        return { output: { doubled: n * 2, tags } };
      },
    });
    expect(await worker.run(2)).toBe(2);
    const events = [];
    for await (const event of watchExecution(client, ok)) events.push(event.event?.$case);
    expect(events.at(-1)).toBe('executionCompleted');
    expect((await client.get(ok)).execution?.output).toEqual({ doubled: 4, tags: ['a'] });
    const failed = [];
    for await (const event of watchExecution(client, bad)) failed.push(event.event?.$case);
    expect(failed.at(-1)).toBe('executionFailed');
    expect((await client.get(bad)).execution?.error).toMatchObject({ code: 'negative' });
  });
});

describe('TypeScript SDK watch', () => {
  it('reconnects after the last seq it yielded when the stream breaks', async () => {
    const afterSeqs: string[] = [];
    const server = new Server();
    server.addService(ExecutionServiceService, {
      watchExecution: (call: ServerWritableStream<WatchExecutionRequest, WatchExecutionResponse>) => {
        afterSeqs.push(call.request.afterSeq);
        for (let seq = Number(call.request.afterSeq) + 1; seq <= 5; seq++) {
          if (afterSeqs.length === 1 && seq === 3) {
            call.emit('error', { code: status.UNAVAILABLE, details: 'replica stopping' });
            return;
          }
          const event = ExecutionEvent.fromPartial({ seq: String(seq), executionId: call.request.executionId });
          if (seq === 5) event.event = { $case: 'executionCompleted', value: ExecutionCompletedEvent.fromPartial({}) };
          call.write({ event });
        }
        call.end();
      },
    } as never);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const client = new PranaClient(`127.0.0.1:${port}`);
    try {
      const seqs: string[] = [];
      for await (const event of watchExecution(client, 'e1')) seqs.push(event.seq);
      expect(seqs).toEqual(['1', '2', '3', '4', '5']);
      expect(afterSeqs).toEqual(['0', '2']);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
