import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { EventLog } from '../../app/ports/event-log.js';
import type { ExecutionEvent } from '../../domain/events.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** One event in the `events` collection; unique on (execution_id, seq), which `_id` spells out. */
export interface EventRow {
  /** `<execution id>/<seq, 12 digits>`: writes address events by `_id`, which every server indexes. */
  _id: string;
  execution_id: string;
  seq: number;
  type: ExecutionEvent['type'];
  time: Date;
  /** The lease epoch of the writer; a row is replaced only by a writer of the same or a later epoch. */
  epoch?: number;
  /** The rest of the event as JSON text (user data may hold any key). */
  data: string;
}

/**
 * The event log in MongoDB: one document per event, replaced when its seq is appended again by a
 * writer of the same or a later lease epoch.
 */
export class MongoEventLog implements EventLog {
  constructor(private readonly events: Collection<EventRow>) {}

  removeAll(executionId: string): Promise<void> {
    return guard('remove events', async () => {
      await this.events.deleteMany({ execution_id: executionId });
    });
  }

  /**
   * Inserts the events in one request; a seq that exists already (a step run again after a crash)
   * is replaced instead, unless a later epoch wrote it. Inserting first keeps the common case to
   * plain inserts, which every server handles without a lookup.
   */
  append(events: readonly ExecutionEvent[], epoch: number): Promise<void> {
    return guard('append events', async () => {
      if (events.length === 0) return;
      const rows = events.map((event) => eventRow(event, epoch));
      try {
        await this.events.insertMany(rows, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Rows that exist are replaced only when no later epoch wrote them; missing ones are inserted
        // (a duplicate key then means a later epoch's row is there: it stays).
        const operations: AnyBulkWriteOperation<EventRow>[] = rows.map((row) => ({
          replaceOne: { filter: { _id: row._id, $or: [{ epoch: { $lte: epoch } }, { epoch: { $exists: false } }] }, replacement: row, upsert: true },
        }));
        try {
          await this.events.bulkWrite(operations, { ordered: false });
        } catch (failure) {
          if (!isDuplicateKey(failure)) throw failure;
        }
      }
    });
  }

  read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    return guard('read events', async () => {
      if (limit <= 0) return [];
      const rows = await this.events
        .find({ execution_id: executionId, seq: { $gt: afterSeq } }, { projection: { _id: 0, epoch: 0 } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray();
      return rows.map(eventOfRow);
    });
  }
}

function eventRow(event: ExecutionEvent, epoch: number): EventRow {
  const { executionId, seq, type, time, ...rest } = event;
  return {
    _id: `${executionId}/${String(seq).padStart(12, '0')}`,
    execution_id: executionId,
    seq,
    type,
    time: new Date(time),
    epoch,
    data: JSON.stringify(rest),
  };
}

function eventOfRow(row: EventRow): ExecutionEvent {
  return { ...(JSON.parse(row.data) as object), executionId: row.execution_id, seq: row.seq, type: row.type, time: row.time.getTime() } as ExecutionEvent;
}
