import { invalidRequest } from '../../../app/app-error.js';
import type { ScheduleDefinition, ScheduleView } from '../../../app/use-cases/schedules.js';
import type {
  ActionResult as DomainResult,
  OverlapPolicy as DomainOverlap,
  ScheduleSpec as DomainSpec,
  TickKind as DomainKind,
} from '../../../domain/schedule.js';
import { ActionResult, OverlapPolicy, TickKind, type Schedule, type ScheduleSpec } from '../../../gen/prana/v1/schedule.js';
import { encodeInt64 } from './int64.js';
import { decodeJson, encodeJson } from './json.js';
import { decodeLabels } from './labels.js';
import { decodeTime, encodeTime } from './time.js';

const OVERLAPS: Readonly<Record<DomainOverlap, OverlapPolicy>> = {
  skip: OverlapPolicy.OVERLAP_POLICY_SKIP,
  buffer_one: OverlapPolicy.OVERLAP_POLICY_BUFFER_ONE,
  allow_all: OverlapPolicy.OVERLAP_POLICY_ALLOW_ALL,
  cancel_other: OverlapPolicy.OVERLAP_POLICY_CANCEL_OTHER,
};
const KINDS: Readonly<Record<DomainKind, TickKind>> = {
  scheduled: TickKind.TICK_KIND_SCHEDULED,
  trigger: TickKind.TICK_KIND_TRIGGER,
  backfill: TickKind.TICK_KIND_BACKFILL,
};
const RESULTS: Readonly<Record<DomainResult, ActionResult>> = {
  started: ActionResult.ACTION_RESULT_STARTED,
  skipped: ActionResult.ACTION_RESULT_SKIPPED,
  buffered: ActionResult.ACTION_RESULT_BUFFERED,
  failed: ActionResult.ACTION_RESULT_FAILED,
};

/** An overlap policy field: null for UNSPECIFIED (the default applies), refused when unknown. */
export function decodeOverlap(policy: OverlapPolicy, field: string): DomainOverlap | null {
  if (policy === OverlapPolicy.OVERLAP_POLICY_UNSPECIFIED) return null;
  const found = (Object.keys(OVERLAPS) as DomainOverlap[]).find((key) => OVERLAPS[key] === policy);
  if (found === undefined) throw invalidRequest([{ field, description: 'unknown overlap policy' }]);
  return found;
}

/** A Schedule message as CreateSchedule and UpdateSchedule take it. */
export function decodeScheduleDefinition(schedule: Schedule | undefined): ScheduleDefinition {
  if (schedule === undefined) throw invalidRequest([{ field: 'schedule', description: 'is required' }]);
  const action = schedule.action;
  if (action === undefined) throw invalidRequest([{ field: 'schedule.action', description: 'is required' }]);
  const catchup = Number(schedule.policies?.catchupWindowMs ?? '0');
  return {
    scheduleId: schedule.scheduleId,
    spec: schedule.spec === undefined ? null : decodeSpec(schedule.spec),
    graphId: action.graphId,
    input: action.input === undefined ? null : decodeJson(action.input, 'schedule.action.input'),
    labels: decodeLabels(action.labels),
    overlap: decodeOverlap(schedule.policies?.overlap ?? OverlapPolicy.OVERLAP_POLICY_UNSPECIFIED, 'schedule.policies.overlap'),
    catchupWindowMs: catchup === 0 ? null : catchup,
  };
}

function decodeSpec(spec: ScheduleSpec): DomainSpec {
  return {
    cron: spec.cron.map((cron) => ({ expression: cron.expression, timezone: cron.timezone === '' ? 'UTC' : cron.timezone })),
    intervals: spec.intervals.map((interval) => ({ everyMs: Number(interval.everyMs), offsetMs: Number(interval.offsetMs) })),
    startAt: decodeTime(spec.startTime, 'schedule.spec.start_time') ?? null,
    endAt: decodeTime(spec.endTime, 'schedule.spec.end_time') ?? null,
    jitterMs: Number(spec.jitterMs),
  };
}

/** A schedule with what the service recorded. */
export function encodeSchedule(view: ScheduleView): Schedule {
  const { record } = view;
  const { spec, action, policies, state } = record;
  return {
    scheduleId: record.scheduleId,
    spec: {
      cron: spec.cron.map((cron) => ({ expression: cron.expression, timezone: cron.timezone })),
      intervals: spec.intervals.map((interval) => ({ everyMs: encodeInt64(interval.everyMs), offsetMs: encodeInt64(interval.offsetMs) })),
      startTime: encodeTime(spec.startAt),
      endTime: encodeTime(spec.endAt),
      jitterMs: encodeInt64(spec.jitterMs),
    },
    action: { graphId: action.graphId, input: encodeJson(action.input), labels: { ...action.labels } },
    policies: { overlap: OVERLAPS[policies.overlap], catchupWindowMs: encodeInt64(policies.catchupWindowMs) },
    paused: state.paused,
    note: state.note,
    revision: encodeInt64(record.revision),
    info: {
      upcoming: view.upcoming.map((time) => ({ scheduledTime: encodeTime(time.nominal), fireTime: encodeTime(time.fireAt) })),
      recentActions: state.recent.map((action) => ({
        kind: KINDS[action.kind],
        scheduledTime: encodeTime(action.nominal),
        takenTime: encodeTime(action.takenAt),
        result: RESULTS[action.result],
        executionId: action.executionId,
        error: action.error ?? '',
      })),
      runningExecutionIds: [...state.running],
      pendingTicks: state.pending.length,
      startedCount: encodeInt64(state.started),
      skippedCount: encodeInt64(state.skipped),
      missedCount: encodeInt64(state.missed),
      createTime: encodeTime(record.createdAt),
      updateTime: encodeTime(record.updatedAt),
    },
  };
}
