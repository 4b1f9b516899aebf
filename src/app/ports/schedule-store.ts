import type { ScheduleRecord } from '../../domain/schedule.js';

/** A schedule due for a look: its wake-up time has come (or comes within the look-ahead). */
export interface DueSchedule {
  readonly namespace: string;
  readonly scheduleId: string;
  readonly wakeAt: number;
}

/**
 * Where schedules are kept. Every write but `create` is conditional on the revision the writer read,
 * so a write based on a stale read changes nothing and returns false.
 */
export interface ScheduleStore {
  /** Stores a new schedule; false (and nothing changes) when the namespace already has that id. */
  create(record: ScheduleRecord): Promise<boolean>;
  get(namespace: string, scheduleId: string): Promise<ScheduleRecord | null>;
  /** Schedules of the namespace in id order, after `afterId` (exclusive; '' from the first), at most `limit`. */
  list(namespace: string, afterId: string, limit: number): Promise<ScheduleRecord[]>;
  /** Replaces the schedule when its stored revision is `expectedRevision` (the record carries the next one). */
  replace(record: ScheduleRecord, expectedRevision: number): Promise<boolean>;
  /**
   * Takes the lease of a schedule whose wake-up has come (wakeAt ≤ `dueBy`, by default now) and whose
   * lease is free, expired or already the owner's: sets owner and until and bumps the revision; null
   * when another replica holds it, it is not due, it has no wake-up, or it is gone.
   */
  claim(namespace: string, scheduleId: string, owner: string, leaseUntil: number, now: number, dueBy?: number): Promise<ScheduleRecord | null>;
  /** Deletes the schedule; false when there was none. */
  remove(namespace: string, scheduleId: string): Promise<boolean>;
  /** Schedules whose wake-up is at or before `before`, soonest first, at most `limit` (every namespace). */
  due(before: number, limit: number): Promise<DueSchedule[]>;
}
