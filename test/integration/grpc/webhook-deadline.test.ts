// Webhook waits under a clock the test moves: a Resume after `expires_at` is refused token_expired
// even before the deadline is processed; the poller then ends the wait on its "timeout" port.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResumeReason } from '../../../src/gen/prana/v1/events.js';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, mustFail, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect } from './support/calls.js';
import { describeEvent } from './support/events.js';
import { expectStatus } from './support/expect-status.js';
import { ManualClock } from './support/manual-clock.js';
import { startTestService, type TestService } from './support/test-service.js';
import { webhookWorkflow } from './support/workflows.js';

const HOUR = 3_600_000;

describeEachBackend('webhook deadline', (backend) => {
  const clock = new ManualClock();
  let t: TestService;
  let a: Api;
  let graphId: string;

  beforeAll(async () => {
    // The poller runs only when the test calls pollNow.
    t = await startTestService(backend(), { clock, app: { pollMs: 24 * HOUR } });
    a = api(t);
    graphId = await a.graphOf(webhookWorkflow());
  });
  afterAll(() => t.close());

  it('refuses a Resume after expires_at with FAILED_PRECONDITION token_expired, then the poller times the wait out', async () => {
    const { execution } = must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }));
    const token = execution!.suspension!.resumeToken;
    const webhook = execution!.suspension!.kind;
    const expiresAt = webhook?.$case === 'webhook' ? webhook.value.expiresAt! : new Date(0);
    expect(expiresAt.getTime()).toBe(clock.now() + HOUR);

    clock.advance(HOUR + 1);
    expectStatus(mustFail(await a.resume({ target: { $case: 'resumeToken', value: token } })), {
      code: status.FAILED_PRECONDITION,
      reason: 'token_expired',
      metadata: { expires_at: expiresAt.toISOString() },
    });
    expectStatus(mustFail(await a.resume({ target: { $case: 'node', value: { executionId: execution!.id, nodeKey: 'wait' } } })), {
      code: status.FAILED_PRECONDITION,
      reason: 'token_expired',
    });

    await t.service.app.pollNow();
    const { messages, error } = await collect(a.watch(execution!.id, Number(execution!.lastSeq)));
    expect(error).toBeNull();
    expect(messages.map((m) => describeEvent(m.event))).toEqual(['executionResumed:wait', 'nodeCompleted:wait', 'executionCompleted']);
    const resumed = messages[0]?.event?.event;
    expect(resumed?.$case === 'executionResumed' && resumed.value.reason).toBe(ResumeReason.RESUME_REASON_DEADLINE);
    const completed = messages[1]?.event?.event;
    expect(completed?.$case === 'nodeCompleted' && completed.value.port).toBe('timeout');
    expect(must(await a.get({ executionId: execution!.id })).execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
  });
});
