// ScheduleService end to end: a schedule created over gRPC starts executions that ListExecutions shows
// with its label, GetSchedule reports them, and after DeleteSchedule no more appear.
import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BackfillScheduleRequest,
  CreateScheduleRequest,
  DeleteScheduleRequest,
  GetScheduleRequest,
  PauseScheduleRequest,
  TriggerScheduleRequest,
  type DeepPartial,
} from '../../../src/gen/prana/v1/schedule_service.js';
import { ActionResult, OverlapPolicy } from '../../../src/gen/prana/v1/schedule.js';
import { api, must, mustFail, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { call } from './support/calls.js';
import { eventually } from './support/eventually.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';
import { lineWorkflow } from './support/workflows.js';

const ECHO = [{ key: 'echo', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } }];

describeEachBackend('schedules', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    // Polls every 100 ms, so ticks of a 1-second interval are armed in time.
    t = await startTestService(backend(), {}, { PRANA_POLL_MS: '100' });
    a = api(t);
  });
  afterAll(() => t.close());

  const s = () => t.schedules;
  const create = (request: DeepPartial<CreateScheduleRequest>) => call(s().createSchedule.bind(s()), CreateScheduleRequest.fromPartial(request));
  const get = (scheduleId: string) => call(s().getSchedule.bind(s()), GetScheduleRequest.fromPartial({ scheduleId }));
  const remove = (scheduleId: string) => call(s().deleteSchedule.bind(s()), DeleteScheduleRequest.fromPartial({ scheduleId }));
  const listed = async (scheduleId: string) =>
    must(await a.list({ labels: { 'prana.schedule': scheduleId }, pageSize: 500 })).executions.map((execution) => execution.id);

  it('creates a schedule, sees its executions appear, and deletes it', async () => {
    const graphId = await a.graphOf(lineWorkflow(`scheduled-${backend().name}`, ECHO));
    const scheduleId = `every-second-${backend().name}`;
    const created = must(
      await create({
        schedule: {
          scheduleId,
          spec: { intervals: [{ everyMs: '1000', offsetMs: '0' }] },
          action: { graphId, input: { team: 'ops' }, labels: { kind: 'demo' } },
          policies: { overlap: OverlapPolicy.OVERLAP_POLICY_ALLOW_ALL },
        },
      }),
    ).schedule!;
    expect(created).toMatchObject({
      scheduleId,
      revision: '1',
      paused: false,
      policies: { overlap: OverlapPolicy.OVERLAP_POLICY_ALLOW_ALL, catchupWindowMs: '3600000' },
    });
    expect(created.info!.upcoming).toHaveLength(10);

    // A tick's execution is stored first, then the tick's record: wait for two records.
    await eventually(async () => Number(must(await get(scheduleId)).schedule!.info!.startedCount) >= 2, 'two ticks recorded', 1000);
    const schedule = must(await get(scheduleId)).schedule!;
    const startedIds = schedule
      .info!.recentActions.filter((action) => action.result === ActionResult.ACTION_RESULT_STARTED)
      .map((action) => action.executionId);
    expect(startedIds.length).toBeGreaterThanOrEqual(2);
    const executions = await listed(scheduleId);
    for (const id of startedIds) expect(executions).toContain(id);
    const first = must(await a.get({ executionId: startedIds[0] })).execution!;
    expect(first.labels).toEqual({ kind: 'demo', 'prana.schedule': scheduleId });
    expect(first.input).toMatchObject({ team: 'ops', scheduled_at: expect.any(String), fired_at: expect.any(String) });

    must(await remove(scheduleId));
    expectStatus(mustFail(await get(scheduleId)), { code: status.NOT_FOUND, reason: 'not_found' });
    const afterDelete = (await listed(scheduleId)).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await listed(scheduleId)).length).toBe(afterDelete);
  });

  it('triggers, backfills and pauses a schedule of the graph’s own cron trigger; refuses bad requests with their reasons', async () => {
    const line = lineWorkflow(`cron-${backend().name}`, ECHO);
    const graphId = await a.graphOf({
      ...line,
      nodes: [
        { key: 'start', name: 'start', type: 'schedule.cron_trigger', params: { cron_pattern: '0 3 * * *', timezone: 'Europe/Berlin' }, settings: undefined },
        ...line.nodes.slice(1),
      ],
    });
    const scheduleId = `nightly-${backend().name}`;
    const created = must(await create({ schedule: { scheduleId, action: { graphId } } })).schedule!;
    expect(created.spec!.cron).toEqual([{ expression: '0 3 * * *', timezone: 'Europe/Berlin' }]);
    expectStatus(mustFail(await create({ schedule: { scheduleId, action: { graphId } } })), { code: status.ALREADY_EXISTS, reason: 'schedule_exists' });

    const paused = must(await call(s().pauseSchedule.bind(s()), PauseScheduleRequest.fromPartial({ scheduleId, note: 'quiet' }))).schedule!;
    expect(paused).toMatchObject({ paused: true, note: 'quiet' });
    const { executionId } = must(await call(s().triggerSchedule.bind(s()), TriggerScheduleRequest.fromPartial({ scheduleId })));
    await eventually(async () => (await a.get({ executionId })).ok, 'the triggered execution exists', 1000);

    const now = Date.now();
    const backfill = must(
      await call(
        s().backfillSchedule.bind(s()),
        BackfillScheduleRequest.fromPartial({ scheduleId, startTime: new Date(now - 3 * 86_400_000), endTime: new Date(now) }),
      ),
    );
    expect(backfill.ticks).toBe(3);
    await eventually(async () => (await listed(scheduleId)).length === 4, 'the backfilled executions exist', 1000);

    const bad = mustFail(
      await create({
        schedule: { scheduleId: 'bad/id', spec: { cron: [{ expression: '99 * * * *', timezone: 'Nowhere/Else' }] }, action: { graphId } },
      }),
    );
    expectStatus(bad, {
      code: status.INVALID_ARGUMENT,
      reason: 'invalid_request',
      fields: ['schedule_id', 'spec.cron[0].expression', 'spec.cron[0].timezone'],
    });
    expectStatus(mustFail(await create({ schedule: { scheduleId: 'x', spec: { intervals: [{ everyMs: '1000' }] }, action: { graphId: 'missing' } } })), {
      code: status.NOT_FOUND,
      reason: 'not_found',
    });
    expectStatus(mustFail(await get('missing')), { code: status.NOT_FOUND, reason: 'not_found' });
    must(await remove(scheduleId));
  });
});
