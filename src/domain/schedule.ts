import type { Json } from './json.js';

/**
 * Schedules: a spec of times (cron expressions in a time zone, intervals with an offset, bounded by
 * start and end times, with jitter), an action (start an execution of a graph with an input and
 * labels), policies, and the state the service keeps while firing it. Times are epoch milliseconds.
 */

/** A cron expression (the five-field dialect of `schedule.cron_trigger`) read in an IANA time zone. */
export interface CronSpec {
  readonly expression: string;
  readonly timezone: string;
}

/** Every `everyMs` milliseconds from the epoch, shifted by `offsetMs` (0 ≤ offset < every). */
export interface IntervalSpec {
  readonly everyMs: number;
  readonly offsetMs: number;
}

/** When a schedule fires: the union of its cron and interval times within [startAt, endAt]. */
export interface ScheduleSpec {
  readonly cron: readonly CronSpec[];
  readonly intervals: readonly IntervalSpec[];
  readonly startAt: number | null;
  readonly endAt: number | null;
  /** Each tick fires up to this much after its nominal time (a fixed pseudo-random amount per tick). */
  readonly jitterMs: number;
}

/** What a tick does when the schedule's previous execution is still running. */
export type OverlapPolicy = 'skip' | 'buffer_one' | 'allow_all' | 'cancel_other';

export const OVERLAP_POLICIES: readonly OverlapPolicy[] = ['skip', 'buffer_one', 'allow_all', 'cancel_other'];

/** What a tick starts. */
export interface ScheduleAction {
  readonly graphId: string;
  readonly input: Json;
  readonly labels: Readonly<Record<string, string>>;
}

export interface SchedulePolicies {
  readonly overlap: OverlapPolicy;
  /** A tick found later than this after its fire time (downtime) is missed instead of run. */
  readonly catchupWindowMs: number;
}

/** Where a tick came from. */
export type TickKind = 'scheduled' | 'trigger' | 'backfill';

/** A tick waiting to be taken: a trigger, a backfilled one, or one buffered behind a running execution. */
export interface PendingTick {
  readonly kind: TickKind;
  readonly nominal: number;
  readonly fireAt: number;
  /** The execution this tick starts (fixed when the tick is first taken: a retry starts the same one). */
  readonly executionId: string;
  /** The policy this tick follows, when not the schedule's (a trigger or backfill may name its own). */
  readonly overlap: OverlapPolicy | null;
  /** True once it waits behind a running execution under `buffer_one`. */
  readonly buffered: boolean;
}

/** What became of a tick. */
export type ActionResult = 'started' | 'skipped' | 'buffered' | 'failed';

/** A tick the schedule took, most recent last. */
export interface RecentAction {
  readonly kind: TickKind;
  readonly nominal: number;
  readonly takenAt: number;
  readonly result: ActionResult;
  /** The execution it started (or would have started). */
  readonly executionId: string;
  /** Why its start was refused (result `failed`). */
  readonly error?: string;
}

/** What the service keeps while firing a schedule. */
export interface ScheduleState {
  readonly paused: boolean;
  /** Why it was paused or unpaused, as the caller said. */
  readonly note: string;
  /** The nominal time of the next regular tick, or null when the spec has no more. */
  readonly nextNominal: number | null;
  readonly pending: readonly PendingTick[];
  /** Executions the schedule started that were not yet seen ended (most recent last). */
  readonly running: readonly string[];
  readonly recent: readonly RecentAction[];
  readonly started: number;
  readonly skipped: number;
  readonly missed: number;
  /** Numbers trigger ticks, so two triggers in the same millisecond start two executions. */
  readonly triggers: number;
}

/** A stored schedule. */
export interface ScheduleRecord {
  readonly namespace: string;
  readonly scheduleId: string;
  /** Bumped by every write; writes are conditional on it. */
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly spec: ScheduleSpec;
  readonly action: ScheduleAction;
  readonly policies: SchedulePolicies;
  readonly state: ScheduleState;
  /** When a replica must next look at it (indexed); null when nothing is coming. */
  readonly wakeAt: number | null;
  /** The replica working on it and until when (a crashed replica's lease expires). */
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
}

/** How many recent actions a schedule keeps, and how many running executions it follows. */
export const RECENT_ACTIONS_KEPT = 20;
export const RUNNING_FOLLOWED = 100;
