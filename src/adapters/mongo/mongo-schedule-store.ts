import type { Collection } from 'mongodb';
import type { DueSchedule, ScheduleStore } from '../../app/ports/schedule-store.js';
import type { ScheduleRecord } from '../../domain/schedule.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** A schedule in the `schedules` collection: the fields queries use, and the rest as JSON text. */
export interface ScheduleRow {
  /** `namespace/schedule_id` (schedule ids never contain a slash). */
  _id: string;
  namespace: string;
  schedule_id: string;
  revision: number;
  /** Epoch ms; null when nothing is coming (never matched by due()). */
  wake_at: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  /** Everything else of the record (spec, action, policies, state, times) as JSON text: inputs may hold any key. */
  body: string;
}

type Body = Omit<ScheduleRecord, 'namespace' | 'scheduleId' | 'revision' | 'wakeAt' | 'leaseOwner' | 'leaseUntil'>;

/** Schedules in MongoDB; every write but create is conditional on the revision (one atomic update each). */
export class MongoScheduleStore implements ScheduleStore {
  constructor(private readonly schedules: Collection<ScheduleRow>) {}

  create(record: ScheduleRecord): Promise<boolean> {
    return guard('create schedule', async () => {
      try {
        await this.schedules.insertOne(rowOf(record));
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return false;
      }
    });
  }

  get(namespace: string, scheduleId: string): Promise<ScheduleRecord | null> {
    return guard('get schedule', async () => {
      const row = await this.schedules.findOne({ _id: idOf(namespace, scheduleId) });
      return row === null ? null : recordOf(row);
    });
  }

  list(namespace: string, afterId: string, limit: number): Promise<ScheduleRecord[]> {
    return guard('list schedules', async () => {
      const rows = await this.schedules
        .find({ namespace, schedule_id: { $gt: afterId } })
        .sort({ namespace: 1, schedule_id: 1 })
        .limit(limit)
        .toArray();
      return rows.map(recordOf);
    });
  }

  replace(record: ScheduleRecord, expectedRevision: number): Promise<boolean> {
    return guard('replace schedule', async () => {
      const { _id, ...fields } = rowOf(record);
      const result = await this.schedules.updateOne({ _id, revision: expectedRevision }, { $set: fields });
      return result.matchedCount === 1;
    });
  }

  claim(namespace: string, scheduleId: string, owner: string, leaseUntil: number, now: number, dueBy = now): Promise<ScheduleRecord | null> {
    return guard('claim schedule', async () => {
      const row = await this.schedules.findOneAndUpdate(
        {
          _id: idOf(namespace, scheduleId),
          wake_at: { $ne: null, $lte: dueBy },
          $or: [{ lease_until: null }, { lease_until: { $lte: now } }, { lease_owner: owner }],
        },
        { $set: { lease_owner: owner, lease_until: leaseUntil }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      );
      return row === null ? null : recordOf(row);
    });
  }

  remove(namespace: string, scheduleId: string): Promise<boolean> {
    return guard('remove schedule', async () => (await this.schedules.deleteOne({ _id: idOf(namespace, scheduleId) })).deletedCount === 1);
  }

  due(before: number, limit: number): Promise<DueSchedule[]> {
    return guard('due schedules', async () => {
      const rows = await this.schedules
        .find({ wake_at: { $ne: null, $lte: before } }, { projection: { namespace: 1, schedule_id: 1, wake_at: 1 } })
        .sort({ wake_at: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return rows.map((row) => ({ namespace: row.namespace, scheduleId: row.schedule_id, wakeAt: row.wake_at as number }));
    });
  }
}

function idOf(namespace: string, scheduleId: string): string {
  return `${namespace}/${scheduleId}`;
}

function rowOf(record: ScheduleRecord): ScheduleRow {
  const { namespace, scheduleId, revision, wakeAt, leaseOwner, leaseUntil, ...body } = record;
  return {
    _id: idOf(namespace, scheduleId),
    namespace,
    schedule_id: scheduleId,
    revision,
    wake_at: wakeAt,
    lease_owner: leaseOwner,
    lease_until: leaseUntil,
    body: JSON.stringify(body satisfies Body),
  };
}

function recordOf(row: ScheduleRow): ScheduleRecord {
  const body = JSON.parse(row.body) as Body;
  return {
    namespace: row.namespace,
    scheduleId: row.schedule_id,
    revision: row.revision,
    wakeAt: row.wake_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    ...body,
  };
}
