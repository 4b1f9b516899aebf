// Retention through the service, on each store: an ended execution past retention is deleted with
// its events and its request id; a waiting one stays.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, mustFail, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect } from './support/calls.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';
import { chainWorkflow, webhookWorkflow } from './support/workflows.js';

const RETENTION_MS = 50;

describeEachBackend('retention', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend(), { app: { retentionMs: RETENTION_MS } });
    a = api(t);
  });
  afterAll(() => t.close());

  it('deletes an ended execution past retention with its events and request id, and keeps a waiting one', async () => {
    const requestId = `retained-${backend().name}-${Date.now()}`;
    const chain = await a.graphOf(chainWorkflow(2, 'retained'));
    const done = must(await a.start({ graphId: chain, requestId, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL })).execution;
    expect(done?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
    const waiting = must(await a.start({ graphId: await a.graphOf(webhookWorkflow('retained-wait')), wait: ExecutionWait.EXECUTION_WAIT_SETTLED })).execution;
    expect(waiting?.status).toBe(ExecutionStatus.EXECUTION_STATUS_SUSPENDED);

    await new Promise((resolve) => setTimeout(resolve, 3 * RETENTION_MS));
    expect(await t.service.app.sweepNow()).toBeGreaterThanOrEqual(1);

    expectStatus(mustFail(await a.get({ executionId: done?.id ?? '' })), { code: status.NOT_FOUND, reason: 'not_found' });
    const { error } = await collect(a.watch(done?.id ?? '', 0));
    expect(error?.code).toBe(status.NOT_FOUND);
    expect(must(await a.get({ executionId: waiting?.id ?? '' })).execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_SUSPENDED);
    // The request id was forgotten with it: the same request starts a new execution.
    expect(must(await a.start({ graphId: chain, requestId, wait: ExecutionWait.EXECUTION_WAIT_NONE })).created).toBe(true);
  });
});
