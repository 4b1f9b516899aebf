import { conflict, invalidRequest, notFound, refused } from '../app-error.js';
import { isValidCronPattern } from '../../domain/cron-pattern.js';
import type { Json } from '../../domain/json.js';
import {
  OVERLAP_POLICIES,
  type CronSpec,
  type IntervalSpec,
  type OverlapPolicy,
  type PendingTick,
  type ScheduleRecord,
  type ScheduleSpec,
  type ScheduleState,
} from '../../domain/schedule.js';
import { fireTimeOf, timesBetween, upcomingTimes } from '../../domain/schedule-times.js';
import { isIanaTimeZone } from '../../nodes/builtin/timezone.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import { RequestCheck } from '../request-check.js';
import { scheduleKey, tickExecutionId, triggerExecutionId, wakeAtOf } from '../runtime/schedule-ticks.js';
import type { AppContext } from './context.js';
import { SCHEDULE_LABEL } from './schedule-io.js';
import { checkStart } from './start-execution.js';

/** A schedule's definition as a caller gives it (CreateSchedule, UpdateSchedule). */
export interface ScheduleDefinition {
  readonly scheduleId: string;
  /** Null: the graph's `schedule.cron_trigger` gives the spec (its `cron_pattern` and `timezone`). */
  readonly spec: ScheduleSpec | null;
  readonly graphId: string;
  readonly input: Json;
  readonly labels: Readonly<Record<string, string>>;
  /** Null: `skip`. */
  readonly overlap: OverlapPolicy | null;
  /** Null: DEFAULT_CATCHUP_WINDOW_MS. */
  readonly catchupWindowMs: number | null;
}

/** A schedule as GetSchedule shows it: the record and its next fire times. */
export interface ScheduleView {
  readonly record: ScheduleRecord;
  /** The next regular ticks' fire times (nominal time plus jitter), soonest first. */
  readonly upcoming: readonly { readonly nominal: number; readonly fireAt: number }[];
}

export const DEFAULT_CATCHUP_WINDOW_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The bounds a definition is checked against. */
export const SCHEDULE_LIMITS = {
  maxCron: 10,
  maxIntervals: 10,
  minIntervalMs: 1000,
  maxIntervalMs: 366 * DAY_MS,
  maxJitterMs: DAY_MS,
  maxCatchupWindowMs: 366 * DAY_MS,
  maxNoteLength: 512,
  /** Ticks waiting (triggers, backfills) per schedule; one BackfillSchedule adds at most this many. */
  maxPending: 1000,
  maxUpcoming: 100,
} as const;

const SCHEDULE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** Conditional writes lost to concurrent changes (the worker taking a tick) before a call gives up with `conflict`. */
const WRITE_ATTEMPTS = 5;

/** CreateSchedule: stores the schedule and arms its first tick. */
export async function createSchedule(ctx: AppContext, namespace: string, definition: ScheduleDefinition, paused: boolean, note: string): Promise<ScheduleView> {
  const { graph, spec } = await checkedDefinition(ctx, namespace, definition);
  checkNote(note);
  const now = ctx.clock.now();
  const state: ScheduleState = {
    paused,
    note,
    nextNominal: upcomingTimes(spec, now, 1)[0] ?? null,
    pending: [],
    running: [],
    recent: [],
    started: 0,
    skipped: 0,
    missed: 0,
    triggers: 0,
  };
  const base = {
    namespace,
    scheduleId: definition.scheduleId,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    spec,
    action: { graphId: graph.id, input: definition.input, labels: definition.labels },
    policies: { overlap: definition.overlap ?? 'skip', catchupWindowMs: definition.catchupWindowMs ?? DEFAULT_CATCHUP_WINDOW_MS },
    state,
    leaseOwner: null,
    leaseUntil: null,
  };
  const record: ScheduleRecord = { ...base, wakeAt: wakeAtOf(base, now, ctx.scheduling.recheckMs) };
  if (!(await ctx.schedules.create(record))) {
    throw refused('schedule_exists', `schedule ${definition.scheduleId} exists`, { schedule_id: definition.scheduleId });
  }
  ctx.scheduling.arm(namespace, record.scheduleId, record.wakeAt);
  return viewOf(record, now);
}

/** GetSchedule, with the next `upcoming` fire times. */
export async function getSchedule(ctx: AppContext, namespace: string, scheduleId: string, upcoming = 10): Promise<ScheduleView> {
  new RequestCheck().id('schedule_id', scheduleId).range('upcoming', upcoming, 0, SCHEDULE_LIMITS.maxUpcoming).done();
  return viewOf(await stored(ctx, namespace, scheduleId), ctx.clock.now(), upcoming);
}

/** ListSchedules: a page in id order; the token is the last id of the previous page. */
export async function listSchedules(
  ctx: AppContext,
  namespace: string,
  pageSize: number,
  pageToken: string,
): Promise<{ views: ScheduleView[]; nextPageToken: string }> {
  new RequestCheck().range('page_size', pageSize, 0, Number.MAX_SAFE_INTEGER).done();
  const size = pageSize === 0 ? 50 : Math.min(pageSize, ctx.limits.maxPageSize);
  const after = pageToken === '' ? '' : Buffer.from(pageToken, 'base64url').toString('utf8');
  if (pageToken !== '' && !SCHEDULE_ID.test(after)) throw invalidRequest([{ field: 'page_token', description: 'malformed' }]);
  const records = await ctx.schedules.list(namespace, after, size + 1);
  const page = records.slice(0, size);
  const now = ctx.clock.now();
  const last = page[page.length - 1];
  return {
    views: page.map((record) => viewOf(record, now, 0)),
    nextPageToken: records.length > size && last !== undefined ? Buffer.from(last.scheduleId, 'utf8').toString('base64url') : '',
  };
}

/**
 * UpdateSchedule: replaces spec, action and policies; the next regular tick is the new spec's first
 * after now. Counts, recent actions and waiting ticks stay. With `expectedRevision` (not 0), only
 * when the schedule is still at that revision.
 */
export async function updateSchedule(ctx: AppContext, namespace: string, definition: ScheduleDefinition, expectedRevision: number): Promise<ScheduleView> {
  const { graph, spec } = await checkedDefinition(ctx, namespace, definition);
  return mutate(ctx, namespace, definition.scheduleId, (record, now) => {
    if (expectedRevision !== 0 && record.revision !== expectedRevision) {
      throw refused('revision_mismatch', `schedule ${record.scheduleId} is at revision ${record.revision}, not ${expectedRevision}`, {
        revision: String(record.revision),
      });
    }
    return {
      ...record,
      spec,
      action: { graphId: graph.id, input: definition.input, labels: definition.labels },
      policies: { overlap: definition.overlap ?? 'skip', catchupWindowMs: definition.catchupWindowMs ?? DEFAULT_CATCHUP_WINDOW_MS },
      state: { ...record.state, nextNominal: upcomingTimes(spec, now, 1)[0] ?? null },
    };
  });
}

/**
 * PauseSchedule / UnpauseSchedule. A paused schedule takes no regular tick (triggers and backfills
 * still run); unpausing goes on with the first tick after now: the ticks of the pause are not run.
 */
export function setPaused(ctx: AppContext, namespace: string, scheduleId: string, paused: boolean, note: string): Promise<ScheduleView> {
  checkNote(note);
  return mutate(ctx, namespace, scheduleId, (record, now) => {
    if (record.state.paused === paused) return { ...record, state: { ...record.state, note } };
    const nextNominal = paused ? record.state.nextNominal : (upcomingTimes(record.spec, now, 1)[0] ?? null);
    return { ...record, state: { ...record.state, paused, note, nextNominal } };
  });
}

/** DeleteSchedule: the schedule goes; executions it started stay. */
export async function deleteSchedule(ctx: AppContext, namespace: string, scheduleId: string): Promise<void> {
  new RequestCheck().id('schedule_id', scheduleId).done();
  if (!(await ctx.schedules.remove(namespace, scheduleId))) throw notFound('prana.v1.Schedule', scheduleId);
  ctx.scheduling.arm(namespace, scheduleId, null);
}

/** TriggerSchedule: a tick now, under the schedule's overlap policy or `overlap`; returns the execution id it starts. */
export async function triggerSchedule(ctx: AppContext, namespace: string, scheduleId: string, overlap: OverlapPolicy | null): Promise<string> {
  let executionId = '';
  await mutate(ctx, namespace, scheduleId, (record, now) => {
    checkPendingRoom(record, 1);
    const triggers = record.state.triggers + 1;
    executionId = triggerExecutionId(record, triggers);
    const tick: PendingTick = { kind: 'trigger', nominal: now, fireAt: now, executionId, overlap, buffered: false };
    return { ...record, state: { ...record.state, triggers, pending: [...record.state.pending, tick] } };
  });
  return executionId;
}

/**
 * BackfillSchedule: the spec's ticks within [from, to] (past times), taken now in order, under the
 * schedule's overlap policy or `overlap`. A tick that ran already (its execution exists) is not run
 * again. Returns how many ticks were queued.
 */
export async function backfillSchedule(
  ctx: AppContext,
  namespace: string,
  scheduleId: string,
  from: number,
  to: number,
  overlap: OverlapPolicy | null,
): Promise<number> {
  const check = new RequestCheck().id('schedule_id', scheduleId);
  if (!(from <= to)) check.add('end_time', 'must not be before start_time');
  if (to > ctx.clock.now()) check.add('end_time', 'must not be in the future');
  check.done();
  let queued = 0;
  await mutate(ctx, namespace, scheduleId, (record, now) => {
    const times = timesBetween(record.spec, from, to, SCHEDULE_LIMITS.maxPending + 1);
    checkPendingRoom(record, times.length);
    const ticks: PendingTick[] = times.map((nominal) => ({
      kind: 'backfill',
      nominal,
      fireAt: now,
      executionId: tickExecutionId(record, nominal),
      overlap,
      buffered: false,
    }));
    queued = ticks.length;
    return { ...record, state: { ...record.state, pending: [...record.state.pending, ...ticks] } };
  });
  return queued;
}

/** Reads, changes and writes the schedule conditionally on its revision (again on a lost race), then arms its wake-up. */
async function mutate(
  ctx: AppContext,
  namespace: string,
  scheduleId: string,
  change: (record: ScheduleRecord, now: number) => ScheduleRecord,
): Promise<ScheduleView> {
  new RequestCheck().id('schedule_id', scheduleId).done();
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const record = await stored(ctx, namespace, scheduleId);
    const now = ctx.clock.now();
    const changed = change(record, now);
    const next: ScheduleRecord = { ...changed, revision: record.revision + 1, updatedAt: now, wakeAt: wakeAtOf(changed, now, ctx.scheduling.recheckMs) };
    if (await ctx.schedules.replace(next, record.revision)) {
      ctx.scheduling.arm(namespace, scheduleId, next.wakeAt);
      return viewOf(next, now);
    }
  }
  throw conflict(`schedule ${scheduleId} kept changing; retry`);
}

async function stored(ctx: AppContext, namespace: string, scheduleId: string): Promise<ScheduleRecord> {
  const record = await ctx.schedules.get(namespace, scheduleId);
  if (record === null) throw notFound('prana.v1.Schedule', scheduleId);
  return record;
}

function viewOf(record: ScheduleRecord, now: number, upcoming = 10): ScheduleView {
  const key = scheduleKey(record);
  const from = record.state.nextNominal === null ? null : record.state.nextNominal - 1;
  const times = from === null || upcoming === 0 ? [] : upcomingTimes(record.spec, Math.max(from, now - record.policies.catchupWindowMs), upcoming);
  return { record, upcoming: times.map((nominal) => ({ nominal, fireAt: fireTimeOf(key, record.spec.jitterMs, nominal) })) };
}

function checkPendingRoom(record: ScheduleRecord, adding: number): void {
  if (record.state.pending.length + adding > SCHEDULE_LIMITS.maxPending) {
    throw refused(
      'limit_exceeded',
      `at most ${SCHEDULE_LIMITS.maxPending} ticks may wait per schedule; ${record.state.pending.length} wait and ${adding} were asked`,
      {
        limit: String(SCHEDULE_LIMITS.maxPending),
      },
    );
  }
}

function checkNote(note: string): void {
  new RequestCheck().maxLength('note', note, SCHEDULE_LIMITS.maxNoteLength).done();
}

/** Every rule of a definition at once, then the graph (which may give the spec). */
async function checkedDefinition(ctx: AppContext, namespace: string, definition: ScheduleDefinition): Promise<{ graph: CompiledGraph; spec: ScheduleSpec }> {
  const check = new RequestCheck().matches('schedule_id', definition.scheduleId, SCHEDULE_ID, 'must be 1 to 64 characters from [A-Za-z0-9_.-]');
  if (definition.spec !== null) checkSpec(check, definition.spec);
  if (definition.catchupWindowMs !== null) check.range('policies.catchup_window_ms', definition.catchupWindowMs, 1000, SCHEDULE_LIMITS.maxCatchupWindowMs);
  if (definition.overlap !== null && !OVERLAP_POLICIES.includes(definition.overlap)) check.add('policies.overlap', 'unknown policy');
  if (SCHEDULE_LABEL in definition.labels) check.add(`labels[${JSON.stringify(SCHEDULE_LABEL)}]`, 'is set by the service');
  check.done();
  // The start of each tick must pass StartExecution's rules: checked now, with the label the service adds.
  checkStart(
    { graphId: definition.graphId, input: definition.input, labels: { ...definition.labels, [SCHEDULE_LABEL]: definition.scheduleId }, wait: 'none' },
    { ...definition.labels, [SCHEDULE_LABEL]: definition.scheduleId },
    ctx.limits,
  );
  const graph = await ctx.graphs.loadIn(definition.graphId, namespace);
  if (graph === null) throw notFound('prana.v1.ExecutionGraph', definition.graphId);
  return { graph, spec: definition.spec ?? specOfTrigger(graph) };
}

function checkSpec(check: RequestCheck, spec: ScheduleSpec): void {
  if (spec.cron.length === 0 && spec.intervals.length === 0)
    check.add('spec', 'needs a cron expression or an interval (or leave it out to use the graph’s schedule.cron_trigger)');
  if (spec.cron.length > SCHEDULE_LIMITS.maxCron) check.add('spec.cron', `at most ${SCHEDULE_LIMITS.maxCron}`);
  if (spec.intervals.length > SCHEDULE_LIMITS.maxIntervals) check.add('spec.intervals', `at most ${SCHEDULE_LIMITS.maxIntervals}`);
  spec.cron.forEach((cron: CronSpec, i) => {
    if (!isValidCronPattern(cron.expression)) check.add(`spec.cron[${i}].expression`, 'must be a valid cron expression (five fields)');
    if (!isIanaTimeZone(cron.timezone)) check.add(`spec.cron[${i}].timezone`, 'unknown timezone');
  });
  spec.intervals.forEach((interval: IntervalSpec, i) => {
    check.range(`spec.intervals[${i}].every_ms`, interval.everyMs, SCHEDULE_LIMITS.minIntervalMs, SCHEDULE_LIMITS.maxIntervalMs);
    if (!(interval.offsetMs >= 0 && interval.offsetMs < interval.everyMs))
      check.add(`spec.intervals[${i}].offset_ms`, 'must be at least 0 and less than every_ms');
  });
  if (spec.startAt !== null && spec.endAt !== null && spec.endAt < spec.startAt) check.add('spec.end_time', 'must not be before start_time');
  check.range('spec.jitter_ms', spec.jitterMs, 0, SCHEDULE_LIMITS.maxJitterMs);
}

/** The spec a graph's `schedule.cron_trigger` names. */
function specOfTrigger(graph: CompiledGraph): ScheduleSpec {
  const trigger = graph.nodes.get(graph.trigger);
  const pattern = trigger?.params.cron_pattern;
  const timezone = trigger?.params.timezone ?? 'UTC';
  if (trigger?.type.type !== 'schedule.cron_trigger' || typeof pattern !== 'string' || typeof timezone !== 'string' || !isValidCronPattern(pattern)) {
    throw invalidRequest([{ field: 'spec', description: 'is required unless the graph’s trigger is a schedule.cron_trigger with a constant cron_pattern' }]);
  }
  return { cron: [{ expression: pattern, timezone }], intervals: [], startAt: null, endAt: null, jitterMs: 0 };
}
