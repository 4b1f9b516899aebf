import { idPrefix } from '../../domain/namespace.js';
import {
  RECENT_ACTIONS_KEPT,
  RUNNING_FOLLOWED,
  type ActionResult,
  type PendingTick,
  type RecentAction,
  type ScheduleRecord,
  type ScheduleState,
} from '../../domain/schedule.js';
import { fireTimeOf, nextNominalAfter } from '../../domain/schedule-times.js';
import type { TickResult } from '../ports/telemetry.js';

/** What became of a tick, once decided: started, or not started under the overlap policy, or too late. */
export type TickFate = 'started' | 'skipped' | 'missed';

/**
 * What taking ticks needs from the rest of the service. A tick is decided once: its start and a
 * decision not to start it race for the same record (the tick's execution id), so a replica that takes
 * a tick over from one that stalled or crashed finds the decision already made and follows it.
 */
export interface TickIo {
  /** True when the execution exists and has not ended. */
  isOpen(executionId: string): Promise<boolean>;
  /** True when the execution exists (the tick was started before, perhaps by a replica that then crashed). */
  exists(executionId: string): Promise<boolean>;
  /**
   * Creates and starts the tick's execution (idempotent on its id) unless the tick was decided against
   * before; returns its fate. A refusal (the graph is gone, the input too large) throws a TickRefused.
   */
  start(record: ScheduleRecord, tick: PendingTick): Promise<TickFate>;
  /** Records that the tick does not start, unless it was decided before; returns its fate. */
  decide(record: ScheduleRecord, tick: PendingTick, fate: Exclude<TickFate, 'started'>): Promise<TickFate>;
  cancel(executionId: string, reason: string): Promise<void>;
}

/** A tick's start refused for good (its graph is gone, its input too large): recorded, not retried. */
export class TickRefused extends Error {}

export interface TickSettings {
  /** Told of every tick decided, with how late after its fire time. */
  readonly report?: (result: TickResult, lagMs: number) => void;
  /** How often a tick buffered behind a running execution looks again whether it ended. */
  readonly recheckMs: number;
  /** Ticks started, skipped or buffered in one pass; more wait for the next pass (at once). */
  readonly maxTicksPerPass: number;
}

/** A buffered tick re-checks every 10 s; an execution ending on the same replica starts it at once. */
export const DEFAULT_TICK_SETTINGS: TickSettings = { recheckMs: 10_000, maxTicksPerPass: 100 };

/** Missed ticks counted in one pass (they cost no IO); more are counted by the next pass. */
const MAX_MISSED_PER_PASS = 1000;

/**
 * The execution id a tick of `nominal` starts: the same on every replica and after any crash, so a
 * tick is started once whoever takes it. The schedule's creation time tells a schedule from an
 * earlier one of the same id.
 */
export function tickExecutionId(record: Pick<ScheduleRecord, 'namespace' | 'scheduleId' | 'createdAt'>, nominal: number): string {
  return `${bareTickPrefix(record)}${nominal}`;
}

/** The execution id of the schedule's `n`-th TriggerSchedule. */
export function triggerExecutionId(record: Pick<ScheduleRecord, 'namespace' | 'scheduleId' | 'createdAt'>, n: number): string {
  return `${bareTickPrefix(record)}t${n}`;
}

function bareTickPrefix(record: Pick<ScheduleRecord, 'namespace' | 'scheduleId' | 'createdAt'>): string {
  return `${idPrefix(record.namespace)}sched-${record.scheduleId}-${record.createdAt.toString(36)}-`;
}

/** The key jitter is derived from. */
export function scheduleKey(record: Pick<ScheduleRecord, 'namespace' | 'scheduleId' | 'createdAt'>): string {
  return `${record.namespace}/${record.scheduleId}/${record.createdAt}`;
}

/** When the schedule's next regular tick fires, or null. */
export function nextFireAt(record: Pick<ScheduleRecord, 'namespace' | 'scheduleId' | 'createdAt' | 'spec' | 'state'>): number | null {
  const nominal = record.state.nextNominal;
  return nominal === null ? null : fireTimeOf(scheduleKey(record), record.spec.jitterMs, nominal);
}

/** When a replica must next look at the schedule: its next tick, a pending one, or a buffered one's re-check. */
export function wakeAtOf(record: Omit<ScheduleRecord, 'wakeAt'>, now: number, recheckMs: number): number | null {
  const { state } = record;
  let wake: number | null = state.paused ? null : nextFireAt(record);
  const head = state.pending[0];
  if (head !== undefined) {
    const at = head.buffered && state.running.length > 0 ? now + recheckMs : head.fireAt;
    wake = wake === null ? at : Math.min(wake, at);
  }
  return wake;
}

/**
 * Takes every tick of the schedule that is due at `now`, in order: pending ones (triggers, backfills,
 * a buffered one) first, then regular ones. A regular tick found more than the catch-up window after
 * its fire time is missed. A tick whose execution exists already (started before a crash) is recorded
 * as started. Otherwise the overlap policy decides when an execution the schedule started is still
 * running: skip it, buffer one, start anyway, or cancel the running ones first. Returns the schedule's
 * new state and wake-up time (revision and lease are the caller's). A store failure throws after
 * nothing of this pass was recorded: the next pass takes the same ticks, and finds the executions this
 * one started.
 */
export async function takeTicks(record: ScheduleRecord, now: number, io: TickIo, settings: TickSettings): Promise<ScheduleRecord> {
  const key = scheduleKey(record);
  const { spec, policies } = record;
  const s = { ...record.state, pending: [...record.state.pending], running: [...record.state.running], recent: [...record.state.recent] };
  // The executions still running, read again only after a start (a quick one ends in its first drive).
  let runningChecked = false;
  const checkRunning = async (): Promise<void> => {
    if (runningChecked) return;
    const open = await Promise.all(s.running.map((id) => io.isOpen(id)));
    s.running = s.running.filter((_, i) => open[i] === true);
    runningChecked = true;
  };
  await checkRunning();
  const note = (tick: PendingTick, result: ActionResult, error?: string): void => {
    const action: RecentAction = {
      kind: tick.kind,
      nominal: tick.nominal,
      takenAt: now,
      result,
      executionId: tick.executionId,
      ...(error === undefined ? {} : { error }),
    };
    s.recent.push(action);
    if (s.recent.length > RECENT_ACTIONS_KEPT) s.recent.splice(0, s.recent.length - RECENT_ACTIONS_KEPT);
  };
  const count = (tick: PendingTick, fate: TickFate): void => {
    settings.report?.(fate, now - tick.fireAt);
    if (fate === 'missed') s.missed += 1;
    else if (fate === 'skipped') {
      s.skipped += 1;
      note(tick, 'skipped');
    } else {
      s.started += 1;
      runningChecked = false;
      note(tick, 'started');
      if (!s.running.includes(tick.executionId)) s.running.push(tick.executionId);
      if (s.running.length > RUNNING_FOLLOWED) s.running.splice(0, s.running.length - RUNNING_FOLLOWED);
    }
  };

  let taken = 0;
  let missed = 0;
  while (taken < settings.maxTicksPerPass && missed < MAX_MISSED_PER_PASS) {
    const head = s.pending[0];
    let tick: PendingTick | null = null;
    const fromPending = head !== undefined && head.fireAt <= now && !(head.buffered && s.running.length > 0);
    if (fromPending) tick = head;
    else if (!s.paused && s.nextNominal !== null) {
      const fireAt = fireTimeOf(key, spec.jitterMs, s.nextNominal);
      if (fireAt <= now) {
        tick = { kind: 'scheduled', nominal: s.nextNominal, fireAt, executionId: tickExecutionId(record, s.nextNominal), overlap: null, buffered: false };
      }
    }
    if (tick === null) break;
    if (fromPending) s.pending.shift();
    else s.nextNominal = nextNominalAfter(spec, s.nextNominal as number);

    if (tick.kind === 'scheduled' && now - tick.fireAt > policies.catchupWindowMs) {
      missed += 1;
      count(tick, await io.decide(record, tick, 'missed'));
      continue;
    }
    taken += 1;
    // Started before (by a pass that did not get to record it): nothing to decide.
    if (await io.exists(tick.executionId)) {
      count(tick, 'started');
      continue;
    }
    const policy = tick.overlap ?? policies.overlap;
    if (policy !== 'allow_all') await checkRunning();
    if (s.running.length > 0 && policy !== 'allow_all') {
      if (policy === 'skip' || (policy === 'buffer_one' && s.pending.some((p) => p.buffered))) {
        count(tick, await io.decide(record, tick, 'skipped'));
        continue;
      }
      if (policy === 'buffer_one') {
        s.pending.unshift({ ...tick, buffered: true });
        note(tick, 'buffered');
        continue;
      }
      for (const id of s.running) await io.cancel(id, `schedule ${record.scheduleId}: cancelled by a newer tick`);
      s.running = [];
    }
    try {
      count(tick, await io.start(record, tick));
    } catch (error) {
      if (!(error instanceof TickRefused)) throw error;
      s.skipped += 1;
      settings.report?.('failed', now - tick.fireAt);
      note(tick, 'failed', error.message);
    }
  }

  const state: ScheduleState = s;
  const next = { ...record, state, updatedAt: now };
  const more = taken >= settings.maxTicksPerPass || missed >= MAX_MISSED_PER_PASS;
  return { ...next, wakeAt: more ? now : wakeAtOf(next, now, settings.recheckMs) };
}
