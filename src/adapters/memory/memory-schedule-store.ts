import type { DueSchedule, ScheduleStore } from '../../app/ports/schedule-store.js';
import type { ScheduleRecord } from '../../domain/schedule.js';
import { TimeIndex } from './time-index.js';

/**
 * Schedules kept in process memory, by namespace and id, with their wake-up times indexed. The store
 * holds private deep copies and hands out copies, so a stored schedule is a snapshot, as in MongoDB.
 */
export class MemoryScheduleStore implements ScheduleStore {
  private readonly rows = new Map<string, ScheduleRecord>();
  private readonly wakes = new TimeIndex();

  async create(record: ScheduleRecord): Promise<boolean> {
    const key = keyOf(record.namespace, record.scheduleId);
    if (this.rows.has(key)) return false;
    this.put(key, record);
    return true;
  }

  async get(namespace: string, scheduleId: string): Promise<ScheduleRecord | null> {
    const row = this.rows.get(keyOf(namespace, scheduleId));
    return row === undefined ? null : structuredClone(row);
  }

  async list(namespace: string, afterId: string, limit: number): Promise<ScheduleRecord[]> {
    const page = [...this.rows.values()].filter((row) => row.namespace === namespace && row.scheduleId > afterId);
    page.sort((a, b) => (a.scheduleId < b.scheduleId ? -1 : 1));
    return page.slice(0, limit).map((row) => structuredClone(row));
  }

  async replace(record: ScheduleRecord, expectedRevision: number): Promise<boolean> {
    const key = keyOf(record.namespace, record.scheduleId);
    if (this.rows.get(key)?.revision !== expectedRevision) return false;
    this.put(key, record);
    return true;
  }

  async claim(namespace: string, scheduleId: string, owner: string, leaseUntil: number, now: number, dueBy = now): Promise<ScheduleRecord | null> {
    const key = keyOf(namespace, scheduleId);
    const row = this.rows.get(key);
    if (row === undefined || row.wakeAt === null || row.wakeAt > dueBy || (row.leaseUntil !== null && row.leaseUntil > now && row.leaseOwner !== owner))
      return null;
    const claimed: ScheduleRecord = { ...row, revision: row.revision + 1, leaseOwner: owner, leaseUntil };
    this.put(key, claimed);
    return structuredClone(claimed);
  }

  async remove(namespace: string, scheduleId: string): Promise<boolean> {
    const key = keyOf(namespace, scheduleId);
    this.wakes.set(key, null);
    return this.rows.delete(key);
  }

  async due(before: number, limit: number): Promise<DueSchedule[]> {
    return this.wakes
      .earliest(before, limit, () => true)
      .map((entry) => {
        const row = this.rows.get(entry.id) as ScheduleRecord;
        return { namespace: row.namespace, scheduleId: row.scheduleId, wakeAt: entry.at };
      });
  }

  private put(key: string, record: ScheduleRecord): void {
    this.rows.set(key, structuredClone(record));
    this.wakes.set(key, record.wakeAt);
  }
}

function keyOf(namespace: string, scheduleId: string): string {
  return `${namespace}\u0000${scheduleId}`;
}
