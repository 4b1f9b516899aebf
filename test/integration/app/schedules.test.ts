// Schedules through the application on a fake clock: ticks of cron (in a time zone, across both
// daylight-saving changes) and interval specs, each overlap policy, catch-up, pause, trigger, backfill,
// and two replicas with a crash between a tick's start and its record.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../../src/app/prana-app.js';
import type { ScheduleDefinition } from '../../../src/app/use-cases/schedules.js';
import type { Execution } from '../../../src/domain/execution.js';
import type { JsonObject } from '../../../src/domain/json.js';
import type { OverlapPolicy, ScheduleRecord, ScheduleSpec } from '../../../src/domain/schedule.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { approvalWorkflow } from '../../support/app-workflows.js';
import { FakeTime } from '../../support/fake-time.js';
import { testApp, type TestApp } from './app-fixture.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const quick: WorkflowDefinition = {
  id: 'quick',
  name: 'quick',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'echo', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
  ],
  connections: [{ from: 'start', to: 'echo' }],
};

function every(everyMs: number, offsetMs = 0, more: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return { cron: [], intervals: [{ everyMs, offsetMs }], startAt: null, endAt: null, jitterMs: 0, ...more };
}

function cron(expression: string, timezone: string): ScheduleSpec {
  return { cron: [{ expression, timezone }], intervals: [], startAt: null, endAt: null, jitterMs: 0 };
}

function definition(graphId: string, spec: ScheduleSpec | null, more: Partial<ScheduleDefinition> = {}): ScheduleDefinition {
  return { scheduleId: 'nightly', spec, graphId, input: { team: 'ops' }, labels: { kind: 'report' }, overlap: null, catchupWindowMs: null, ...more };
}

/** The executions a schedule started, oldest first. */
async function started(t: TestApp, scheduleId = 'nightly'): Promise<Execution[]> {
  const page = await t.app.listExecutions({ statuses: [], labels: { 'prana.schedule': scheduleId }, pageSize: 500, pageToken: '' });
  return page.views.map((view) => view.execution).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

function scheduledAt(execution: Execution): string {
  return (execution.input as JsonObject).scheduled_at as string;
}

/** Stores whose schedule writes hang (the replica died) once `dies` holds for the record being written. */
function dyingAt(dies: (record: ScheduleRecord) => boolean, onDeath: () => void): (stores: Stores) => Stores {
  return (stores) => ({
    ...stores,
    schedules: new Proxy(stores.schedules, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        if (property !== 'replace') return value.bind(target);
        return (record: ScheduleRecord, revision: number) => {
          if (!dies(record)) return value.call(target, record, revision);
          onDeath();
          return new Promise(() => undefined);
        };
      },
    }),
  });
}

/** A started replica (its store poller arms the timers of ticks beyond the in-process horizon) at `start`. */
function appAt(start: number, options: Parameters<typeof testApp>[1] = {}): TestApp {
  // Polls once a minute (two minutes of look-ahead): fake days pass quickly.
  const t = testApp(undefined, { time: new FakeTime(start), pollMs: MINUTE, ...options });
  t.app.start();
  return t;
}

async function advance(t: TestApp, ms: number): Promise<void> {
  await t.time.advance(ms);
  await t.app.schedulesIdle();
  await t.time.advance(0);
}

describe('schedules: ticks at their times', () => {
  it('fires an interval with an offset at its times, with the input, labels and id of each tick', async () => {
    const t = appAt(Date.UTC(2026, 5, 1, 0, 0, 0));
    const graphId = await t.compile(quick);
    const view = await t.app.createSchedule(definition(graphId, every(15 * MINUTE, MINUTE)), false, '');
    expect(view.upcoming.slice(0, 3).map((u) => new Date(u.fireAt).toISOString())).toEqual([
      '2026-06-01T00:01:00.000Z',
      '2026-06-01T00:16:00.000Z',
      '2026-06-01T00:31:00.000Z',
    ]);
    await advance(t, HOUR);
    const runs = await started(t);
    expect(runs.map(scheduledAt)).toEqual(['2026-06-01T00:01:00.000Z', '2026-06-01T00:16:00.000Z', '2026-06-01T00:31:00.000Z', '2026-06-01T00:46:00.000Z']);
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(runs[0]?.input).toEqual({ team: 'ops', scheduled_at: '2026-06-01T00:01:00.000Z', fired_at: '2026-06-01T00:01:00.000Z' });
    expect(runs[0]?.labels).toEqual({ kind: 'report', 'prana.schedule': 'nightly' });
    // Each tick fired at its time, not at the next poll.
    expect(runs.map((run) => run.createdAt - Date.parse(scheduledAt(run)))).toEqual([0, 0, 0, 0]);
    const after = await t.app.getSchedule('nightly');
    expect(after.record.state).toMatchObject({ started: 4, skipped: 0, missed: 0 });
    expect(after.record.state.recent.map((a) => a.executionId)).toEqual(runs.map((run) => run.id));
    expect(t.errors).toEqual([]);
  });

  it('fires a 02:30 Europe/Berlin cron once a day across the spring-forward day (at 03:30) and the fall-back day (the first 02:30)', async () => {
    const t = appAt(Date.UTC(2026, 2, 27, 12, 0, 0));
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, cron('30 2 * * *', 'Europe/Berlin')), false, '');
    await advance(t, 4 * 24 * HOUR);
    expect((await started(t)).map(scheduledAt)).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // no 02:30 that day: 03:30 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
      '2026-03-31T00:30:00.000Z',
    ]);

    const fall = appAt(Date.UTC(2026, 9, 23, 12, 0, 0));
    const fallGraph = await fall.compile(quick);
    await fall.app.createSchedule(definition(fallGraph, cron('30 2 * * *', 'Europe/Berlin')), false, '');
    await advance(fall, 4 * 24 * HOUR);
    expect((await started(fall)).map(scheduledAt)).toEqual([
      '2026-10-24T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 happens twice: once, the first
      '2026-10-26T01:30:00.000Z', // 02:30 CET
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('schedules a graph from its own schedule.cron_trigger pattern and time zone', async () => {
    const t = appAt(Date.UTC(2026, 11, 4, 7, 0, 0));
    const graphId = await t.compile({
      ...quick,
      id: 'weekday',
      nodes: [{ key: 'start', type: 'schedule.cron_trigger', params: { cron_pattern: '0 9 * * mon-fri', timezone: 'Europe/Berlin' } }, quick.nodes[1] as never],
    });
    const view = await t.app.createSchedule(definition(graphId, null), false, '');
    expect(view.record.spec.cron).toEqual([{ expression: '0 9 * * mon-fri', timezone: 'Europe/Berlin' }]);
    expect(view.upcoming.slice(0, 2).map((u) => new Date(u.nominal).toISOString())).toEqual(['2026-12-04T08:00:00.000Z', '2026-12-07T08:00:00.000Z']);
    await expect(t.app.createSchedule(definition(await t.compile(quick), null, { scheduleId: 'other' }), false, '')).rejects.toMatchObject({
      reason: 'invalid_request',
    });
  });

  it('keeps a jittered tick within its jitter, at the same time on every look', async () => {
    const t = appAt(Date.UTC(2026, 5, 1, 0, 0, 0));
    const graphId = await t.compile(quick);
    const view = await t.app.createSchedule(definition(graphId, every(HOUR, 0, { jitterMs: 10 * MINUTE })), false, '');
    const again = await t.app.getSchedule('nightly');
    expect(again.upcoming).toEqual(view.upcoming);
    for (const { nominal, fireAt } of view.upcoming) expect(fireAt - nominal).toBeGreaterThanOrEqual(0);
    for (const { nominal, fireAt } of view.upcoming) expect(fireAt - nominal).toBeLessThanOrEqual(10 * MINUTE);
    expect(new Set(view.upcoming.map((u) => u.fireAt - u.nominal)).size).toBeGreaterThan(1);
    await advance(t, 3 * HOUR + 10 * MINUTE);
    const runs = await started(t);
    expect(runs.map((run) => run.createdAt)).toEqual(view.upcoming.slice(0, 3).map((u) => u.fireAt));
  });

  it('fires on time when its timer fires a millisecond before the clock reads its time', async () => {
    const time = new FakeTime(Date.UTC(2026, 5, 1, 0, 0, 0));
    const early = { setTimeout: (callback: () => void, ms: number) => time.setTimeout(callback, ms > 1 ? ms - 1 : ms) };
    const t = testApp(undefined, { time, timers: early, pollMs: HOUR });
    t.app.start();
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, every(10 * MINUTE)), false, '');
    await advance(t, 10 * MINUTE + 10);
    const runs = await started(t);
    expect(runs.map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z']);
    expect((runs[0] as Execution).createdAt - Date.UTC(2026, 5, 1, 0, 10, 0)).toBeLessThanOrEqual(1);
  });

  it('stops at the end time and starts at the start time', async () => {
    const start = Date.UTC(2026, 5, 1, 0, 0, 0);
    const t = appAt(start);
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, every(10 * MINUTE, 0, { startAt: start + 25 * MINUTE, endAt: start + 50 * MINUTE })), false, '');
    await advance(t, 2 * HOUR);
    expect((await started(t)).map(scheduledAt)).toEqual(['2026-06-01T00:30:00.000Z', '2026-06-01T00:40:00.000Z', '2026-06-01T00:50:00.000Z']);
    expect((await t.app.getSchedule('nightly')).upcoming).toEqual([]);
  });
});

describe('schedules: overlap policies', () => {
  /** A schedule every 10 minutes of a graph that waits for a webhook (1 h): each execution keeps running. */
  async function overlapping(overlap: OverlapPolicy): Promise<{ t: TestApp; runs: Execution[] }> {
    const t = appAt(Date.UTC(2026, 5, 1, 0, 0, 0));
    const graphId = await t.compile(approvalWorkflow);
    await t.app.createSchedule(definition(graphId, every(10 * MINUTE), { overlap }), false, '');
    await advance(t, 30 * MINUTE);
    return { t, runs: await started(t) };
  }

  it('skip: a tick while the previous execution runs is skipped and counted', async () => {
    const { t, runs } = await overlapping('skip');
    expect(runs.map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z']);
    const view = await t.app.getSchedule('nightly');
    expect(view.record.state).toMatchObject({ started: 1, skipped: 2 });
    expect(view.record.state.recent.map((a) => a.result)).toEqual(['started', 'skipped', 'skipped']);
  });

  it('buffer_one: one tick waits for the running execution, later ones are skipped; it starts once that one ends', async () => {
    const { t, runs } = await overlapping('buffer_one');
    expect(runs).toHaveLength(1);
    let view = await t.app.getSchedule('nightly');
    expect(view.record.state).toMatchObject({ started: 1, skipped: 1 });
    expect(view.record.state.pending.map((p) => [p.nominal - Date.UTC(2026, 5, 1), p.buffered])).toEqual([[20 * MINUTE, true]]);
    const first = runs[0] as Execution;
    await t.app.cancelExecution(first.id, 'done with it');
    await advance(t, 2000);
    const after = await started(t);
    expect(after.map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z', '2026-06-01T00:20:00.000Z']);
    view = await t.app.getSchedule('nightly');
    expect(view.record.state.pending).toEqual([]);
    expect(view.record.state).toMatchObject({ started: 2, skipped: 1 });
  });

  it('buffer_one: when the running execution ends on another replica, the buffered tick starts at the next re-check', async () => {
    const { t, runs } = await overlapping('buffer_one');
    const other = testApp(t);
    await other.app.cancelExecution((runs[0] as Execution).id, 'ended elsewhere');
    await advance(t, 2000);
    expect(await started(t)).toHaveLength(1);
    await advance(t, 10_000);
    expect((await started(t)).map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z', '2026-06-01T00:20:00.000Z']);
  });

  it('allow_all: every tick starts', async () => {
    const { runs } = await overlapping('allow_all');
    expect(runs.map((run) => run.status)).toEqual(['suspended', 'suspended', 'suspended']);
  });

  it('cancel_other: a tick cancels the running execution, then starts', async () => {
    const { t, runs } = await overlapping('cancel_other');
    expect(runs.map((run) => run.status)).toEqual(['cancelled', 'cancelled', 'suspended']);
    expect((await t.app.getSchedule('nightly')).record.state.running).toEqual([runs[2]?.id]);
  });
});

describe('schedules: downtime, pause, trigger and backfill', () => {
  it('runs missed ticks within the catch-up window after downtime, in order, and counts older ones as missed', async () => {
    const time = new FakeTime(Date.UTC(2026, 5, 1, 0, 0, 0));
    const silent = { setTimeout: () => ({ cancel: () => undefined }) };
    // A replica whose timers never fire: the service is down.
    const down = testApp(undefined, { time, timers: silent });
    const graphId = await down.compile(quick);
    await down.app.createSchedule(definition(graphId, every(10 * MINUTE), { catchupWindowMs: 15 * MINUTE }), false, '');
    await time.advance(HOUR);
    expect(await started(down)).toEqual([]);
    // A replica starts: its first poll takes the ticks of the last 15 minutes and counts the rest missed.
    const up = testApp(down, {});
    await up.app.pollNow();
    await up.app.schedulesIdle();
    expect((await started(up)).map(scheduledAt)).toEqual(['2026-06-01T00:50:00.000Z', '2026-06-01T01:00:00.000Z']);
    expect((await up.app.getSchedule('nightly')).record.state).toMatchObject({ started: 2, missed: 4 });
  });

  it('takes no tick while paused and goes on with the first after unpausing', async () => {
    const t = appAt(Date.UTC(2026, 5, 1, 0, 0, 0));
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, every(10 * MINUTE)), false, '');
    await advance(t, 15 * MINUTE);
    const paused = await t.app.pauseSchedule('nightly', true, 'maintenance');
    expect(paused.record.state).toMatchObject({ paused: true, note: 'maintenance' });
    expect(paused.record.wakeAt).toBeNull();
    await advance(t, HOUR);
    expect(await started(t)).toHaveLength(1);
    await t.app.pauseSchedule('nightly', false, 'back');
    await advance(t, 10 * MINUTE);
    expect((await started(t)).map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z', '2026-06-01T01:20:00.000Z']);
    expect((await t.app.getSchedule('nightly')).record.state).toMatchObject({ paused: false, started: 2, missed: 0 });
  });

  it('triggers a tick now, even while paused', async () => {
    const t = appAt(Date.UTC(2026, 5, 1, 0, 0, 0));
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, every(HOUR)), true, 'off');
    const executionId = await t.app.triggerSchedule('nightly', null);
    await advance(t, 0);
    const runs = await started(t);
    expect(runs.map((run) => run.id)).toEqual([executionId]);
    expect(runs[0]?.status).toBe('completed');
    expect((await t.app.getSchedule('nightly')).record.state.recent).toMatchObject([{ kind: 'trigger', result: 'started', executionId }]);
  });

  it('backfills the ticks of a past range in order, and not a second time', async () => {
    const t = appAt(Date.UTC(2026, 5, 1, 12, 0, 0));
    const graphId = await t.compile(quick);
    await t.app.createSchedule(definition(graphId, every(HOUR)), false, '');
    const from = Date.UTC(2026, 5, 1, 8, 0, 0);
    const to = Date.UTC(2026, 5, 1, 11, 0, 0);
    expect(await t.app.backfillSchedule('nightly', from, to, null)).toBe(4);
    await advance(t, 0);
    const runs = await started(t);
    expect(runs.map(scheduledAt)).toEqual(['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z', '2026-06-01T10:00:00.000Z', '2026-06-01T11:00:00.000Z']);
    expect(await t.app.backfillSchedule('nightly', from, to, null)).toBe(4);
    await advance(t, 0);
    expect(await started(t)).toHaveLength(4);
    await expect(t.app.backfillSchedule('nightly', to, to + 2 * HOUR, null)).rejects.toMatchObject({ reason: 'invalid_request' });
  });
});

describe('schedules: replicas and crashes', () => {
  it('two replicas on one store start each tick once', async () => {
    const a = appAt(Date.UTC(2026, 5, 1, 0, 0, 0), { pollMs: 1000 });
    const b = testApp(a, { pollMs: 1000 });
    const graphId = await a.compile(quick);
    await a.app.createSchedule(definition(graphId, every(MINUTE)), false, '');
    b.app.start();
    for (let i = 0; i < 30; i += 1) {
      await a.time.advance(20_000);
      await Promise.all([a.app.schedulesIdle(), b.app.schedulesIdle()]);
    }
    const runs = await started(a);
    expect(runs).toHaveLength(10);
    expect(new Set(runs.map(scheduledAt)).size).toBe(10);
    expect((await a.app.getSchedule('nightly')).record.state).toMatchObject({ started: 10, skipped: 0, missed: 0 });
    await Promise.all([a.app.stop(0), b.app.stop(0)]);
  });

  it('a replica that crashes between a tick’s start and its record: another takes the tick over and finds the execution', async () => {
    const time = new FakeTime(Date.UTC(2026, 5, 1, 0, 0, 0));
    let crashed = false;
    // The first replica's schedule write hangs once it has started a tick: it started the execution, then died.
    const crashing = dyingAt(
      (record) => record.state.started > 0,
      () => (crashed = true),
    );
    const a = testApp(undefined, { time, wrapStores: crashing, leaseMs: 30_000 });
    const graphId = await a.compile(quick);
    await a.app.createSchedule(definition(graphId, every(10 * MINUTE)), false, '');
    await time.advance(10 * MINUTE);
    expect(crashed).toBe(true);
    expect(await started(a)).toHaveLength(1);
    // The lease of the dead replica expires; another replica's poll takes the tick again.
    const b = testApp(a, { leaseMs: 30_000 });
    await time.advance(31_000);
    await b.app.pollNow();
    await b.app.schedulesIdle();
    const runs = await started(b);
    expect(runs).toHaveLength(1);
    const view = await b.app.getSchedule('nightly');
    expect(view.record.state).toMatchObject({ started: 1, skipped: 0 });
    expect(view.record.state.recent).toMatchObject([{ result: 'started', executionId: runs[0]?.id }]);
    expect(view.record.leaseOwner).toBeNull();
    expect(view.upcoming[0]?.nominal).toBe(Date.UTC(2026, 5, 1, 0, 20, 0));
  });
});

describe('schedules: a decision not to start a tick', () => {
  it('stands for the replica that takes the tick over after a crash, even when the tick could start by then', async () => {
    const time = new FakeTime(Date.UTC(2026, 5, 1, 0, 0, 0));
    let crashed = false;
    // The first replica decides to skip the second tick (the first execution still runs), then dies
    // before writing the schedule.
    const crashing = dyingAt(
      (record) => record.state.skipped > 0,
      () => (crashed = true),
    );
    const a = testApp(undefined, { time, wrapStores: crashing, leaseMs: 30_000 });
    const graphId = await a.compile(approvalWorkflow);
    await a.app.createSchedule(definition(graphId, every(10 * MINUTE), { overlap: 'skip' }), false, '');
    await time.advance(20 * MINUTE);
    expect(crashed).toBe(true);
    const [first] = await started(a);
    // The first execution ends: a replica deciding now would start the second tick.
    await a.app.cancelExecution((first as Execution).id, 'done');
    const b = testApp(a, { leaseMs: 30_000 });
    await time.advance(31_000);
    await b.app.pollNow();
    await b.app.schedulesIdle();
    expect((await started(b)).map(scheduledAt)).toEqual(['2026-06-01T00:10:00.000Z']);
    const view = await b.app.getSchedule('nightly');
    expect(view.record.state).toMatchObject({ started: 1, skipped: 1, missed: 0 });
    expect(view.record.state.recent.map((action) => action.result)).toEqual(['started', 'skipped']);
  });
});

describe('schedules: requests', () => {
  it('refuses a malformed definition with every violation, a used id, and unknown schedules', async () => {
    const t = testApp();
    const graphId = await t.compile(quick);
    const bad = definition(graphId, {
      cron: [{ expression: '61 * * * *', timezone: 'Mars/Olympus' }],
      intervals: [{ everyMs: 10, offsetMs: 20 }],
      startAt: 5,
      endAt: 1,
      jitterMs: -1,
    });
    await expect(t.app.createSchedule({ ...bad, scheduleId: 'a/b' }, false, '')).rejects.toMatchObject({
      reason: 'invalid_request',
      fieldViolations: [
        { field: 'schedule_id' },
        { field: 'spec.cron[0].expression' },
        { field: 'spec.cron[0].timezone' },
        { field: 'spec.intervals[0].every_ms' },
        { field: 'spec.intervals[0].offset_ms' },
        { field: 'spec.end_time' },
        { field: 'spec.jitter_ms' },
      ],
    });
    await t.app.createSchedule(definition(graphId, every(HOUR)), false, '');
    await expect(t.app.createSchedule(definition(graphId, every(HOUR)), false, '')).rejects.toMatchObject({ reason: 'schedule_exists' });
    await expect(t.app.getSchedule('missing')).rejects.toMatchObject({ reason: 'not_found' });
    await expect(t.app.createSchedule(definition('no-such-graph', every(HOUR), { scheduleId: 'x' }), false, '')).rejects.toMatchObject({ reason: 'not_found' });
    await expect(t.app.updateSchedule(definition(graphId, every(MINUTE)), 99)).rejects.toMatchObject({ reason: 'revision_mismatch' });
    const updated = await t.app.updateSchedule(definition(graphId, every(MINUTE)), 1);
    expect(updated.record.revision).toBe(2);
    await t.app.deleteSchedule('nightly');
    await expect(t.app.deleteSchedule('nightly')).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('lists schedules of the namespace in pages; another namespace sees none', async () => {
    const t = testApp();
    const graphId = await t.compile(quick);
    for (const id of ['c', 'a', 'b']) await t.app.createSchedule(definition(graphId, every(HOUR), { scheduleId: id }), false, '');
    const first = await t.app.listSchedules(2, '');
    expect(first.views.map((v) => v.record.scheduleId)).toEqual(['a', 'b']);
    const second = await t.app.listSchedules(2, first.nextPageToken);
    expect(second.views.map((v) => v.record.scheduleId)).toEqual(['c']);
    expect(second.nextPageToken).toBe('');
    expect((await t.app.in('acme').listSchedules(10, '')).views).toEqual([]);
    await expect(t.app.in('acme').getSchedule('a')).rejects.toMatchObject({ reason: 'not_found' });
  });
});
