// A MongoDB server that dies and comes back: while it is down, calls fail at once with UNAVAILABLE
// store_unavailable (not after the driver's server selection) and health reports NOT_SERVING; once
// it is back the service serves again and executions carry on.
import { credentials, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthCheckResponse_ServingStatus, HealthClient, type HealthCheckResponse } from '../../../src/gen/grpc/health/v1/health.js';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { canRunOwnMongoServer, startOwnMongoServer, type OwnMongoServer } from '../../support/own-mongo-server.js';
import { api, must, mustFail } from './support/api.js';
import { call } from './support/calls.js';
import { eventually } from './support/eventually.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, uriWithDatabase, type TestService } from './support/test-service.js';
import { webhookWorkflow } from './support/workflows.js';

/** The server-wide health status. */
async function health(target: string): Promise<HealthCheckResponse_ServingStatus | undefined> {
  const client = new HealthClient(target, credentials.createInsecure());
  try {
    const outcome = await call<{ service: string }, HealthCheckResponse>(client.check.bind(client), { service: '' }, { deadline: Date.now() + 2000 });
    return outcome.ok ? outcome.response.status : undefined;
  } finally {
    client.close();
  }
}

(canRunOwnMongoServer() ? describe : describe.skip)('a MongoDB server that dies and comes back', () => {
  let server: OwnMongoServer;
  let t: TestService;

  beforeAll(async () => {
    server = await startOwnMongoServer();
    // The driver would look for a server for 30 s: the answers below come from the service knowing better.
    t = await startTestService({ name: 'mongodb', mongodbUri: uriWithDatabase(server.uri, 'outage') }, { mongoServerSelectionTimeoutMs: 30_000 });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  it('fails calls at once with store_unavailable and reports NOT_SERVING while it is down, then carries on', async () => {
    const a = api(t);
    const graphId = await a.graphOf(webhookWorkflow('outage'));
    const started = must(await a.start({ graphId, input: {}, requestId: 'outage-1', wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    const id = started.execution!.id;
    expect(await health(t.target)).toBe(HealthCheckResponse_ServingStatus.SERVING);

    await server.kill();
    await eventually(async () => (await health(t.target)) === HealthCheckResponse_ServingStatus.NOT_SERVING, 'health reports NOT_SERVING');
    // Each call has 5 s; waiting for a server would take 30 s and end DEADLINE_EXCEEDED.
    const deadline = (): { deadline: number } => ({ deadline: Date.now() + 5000 });
    expectStatus(mustFail(await a.get({ executionId: id }, deadline())), { code: status.UNAVAILABLE, reason: 'store_unavailable' });
    expectStatus(mustFail(await a.start({ graphId, input: {}, requestId: 'outage-2' }, deadline())), { code: status.UNAVAILABLE, reason: 'store_unavailable' });
    expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: id, nodeKey: 'wait' } }, data: { approved: true } }, deadline())), {
      code: status.UNAVAILABLE,
      reason: 'store_unavailable',
    });

    await server.restart();
    await eventually(async () => (await health(t.target)) === HealthCheckResponse_ServingStatus.SERVING, 'health reports SERVING again', 3000);
    const resumed = must(
      await a.resume({
        target: { $case: 'node', value: { executionId: id, nodeKey: 'wait' } },
        data: { approved: true },
        wait: ExecutionWait.EXECUTION_WAIT_TERMINAL,
      }),
    );
    expect(resumed.execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
    const again = must(await a.start({ graphId, input: {}, requestId: 'outage-2', wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    expect(again.execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_SUSPENDED);
  }, 180_000);
});
