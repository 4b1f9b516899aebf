// Regression tests for bugs found in src/app while building the transport, each written as the behaviour
// the contract asks for. The transport also checks the request-shape ones at the edge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/app/app-error.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, type Api } from './support/api.js';
import { collect } from './support/calls.js';
import { eventually } from './support/eventually.js';
import { startTestService, type TestService } from './support/test-service.js';
import { waitThenChainWorkflow, webhookWorkflow } from './support/workflows.js';

const MIB = 1024 * 1024;

/** The AppError a promise rejects with. */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('app behaviour the contract asks for (regressions)', () => {
  const QUEUE = 20;
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    t = await startTestService({ name: 'memory' }, { app: { subscriberQueue: QUEUE, maxWatchLag: QUEUE } });
    a = api(t);
    graphId = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  // src/app/request-limits.ts checkSize: RESOURCE_EXHAUSTED `limit_exceeded`, which errors.proto reserves
  // for service capacity; execution_service.proto and task_service.proto say INVALID_ARGUMENT
  // `invalid_request` for an `input`, `variables`, `data` or `output` over its limit (the execution semantics
  // too, for resume data). Worked around: the transport checks these sizes first.
  it('regression: an oversized start input is INVALID_ARGUMENT invalid_request', async () => {
    const error = await appError(t.service.app.startExecution({ graphId, input: 'x'.repeat(MIB + 1), wait: 'none' }));
    expect([error.code, error.reason]).toEqual(['invalid_argument', 'invalid_request']);
  });

  it('regression: oversized resume data is INVALID_ARGUMENT invalid_request', async () => {
    const error = await appError(t.service.app.resume({ target: { kind: 'token', token: 't' }, data: 'x'.repeat(MIB + 1), wait: 'none' }));
    expect([error.code, error.reason]).toEqual(['invalid_argument', 'invalid_request']);
  });

  // src/app/request-limits.ts checkStartIds allows 256 characters; the contract says "at most 128".
  // Worked around: the transport checks 128.
  it('regression: a request_id over 128 characters is refused', async () => {
    const error = await appError(t.service.app.startExecution({ graphId, input: null, requestId: 'r'.repeat(200), wait: 'none' }));
    expect(error.fieldViolations.map((v) => v.field)).toEqual(['request_id']);
  });

  // src/app/use-cases/cancel-execution.ts records "cancelled" for an empty reason; the contract says
  // "Empty is recorded as \"requested\"". Worked around: the transport passes "requested".
  it('regression: an empty cancel reason is recorded as "requested"', async () => {
    const { execution } = must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    await t.service.app.cancelExecution(execution!.id, '');
    const { messages } = await collect(a.watch(execution!.id, Number(execution!.lastSeq)));
    const cancelled = messages[0]?.event?.event;
    expect(cancelled?.$case === 'executionCancelled' && cancelled.value.reason).toBe('requested');
  });

  // src/app/use-cases/tasks.ts extendTaskLease refuses 0; the contract says "0 means 60 000".
  // Worked around: the transport turns 0 into 60 000.
  it('regression: ExtendTaskLease with lease 0 means 60 000 ms', async () => {
    await expect(t.service.app.extendTaskLease('no-such-task', 'w', 0)).rejects.toMatchObject({ code: 'not_found' });
  });

  // A step publishing more events than the stream's lag limit (a chain of inline nodes after a resume)
  // used to cut every watcher with RESOURCE_EXHAUSTED subscriber_too_slow, fast or not: the lag was
  // measured against the latest seq rather than against what the stream had been handed.
  it('regression: a watcher reading as fast as it can is not cut off by one large step', async () => {
    const chain = await a.graphOf(waitThenChainWorkflow(QUEUE * 5, 'burst'));
    const id = must(await a.start({ graphId: chain, wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution!.id;
    const watching = collect(a.watch(id, 6));
    await eventually(() => t.service.app.context.hub.watched(id), 'the watch subscribes');
    must(await a.resume({ target: { $case: 'node', value: { executionId: id, nodeKey: 'wait' } } }));
    expect((await watching).error).toBeNull();
  });
});
