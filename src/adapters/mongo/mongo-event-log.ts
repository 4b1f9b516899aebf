import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { EventLog } from '../../app/ports/event-log.js';
import type { ExecutionEvent } from '../../domain/events.js';
import { guard } from './mongo-errors.js';

/** One event in the `events` collection; unique on (execution_id, seq). */
export interface EventRow {
  execution_id: string;
  seq: number;
  type: ExecutionEvent['type'];
  time: Date;
  /** The rest of the event as JSON text (user data may hold any key). */
  data: string;
}

/** The event log in MongoDB: one document per event, replaced when its seq is appended again. */
export class MongoEventLog implements EventLog {
  constructor(private readonly events: Collection<EventRow>) {}

  append(events: readonly ExecutionEvent[]): Promise<void> {
    return guard('append events', async () => {
      if (events.length === 0) return;
      const operations: AnyBulkWriteOperation<EventRow>[] = events.map((event) => {
        const row = eventRow(event);
        return { replaceOne: { filter: { execution_id: row.execution_id, seq: row.seq }, replacement: row, upsert: true } };
      });
      await this.events.bulkWrite(operations, { ordered: true });
    });
  }

  read(executionId: string, afterSeq: number, limit: number): Promise<ExecutionEvent[]> {
    return guard('read events', async () => {
      if (limit <= 0) return [];
      const rows = await this.events
        .find({ execution_id: executionId, seq: { $gt: afterSeq } }, { projection: { _id: 0 } })
        .sort({ seq: 1 })
        .limit(limit)
        .toArray();
      return rows.map(eventOfRow);
    });
  }
}

function eventRow(event: ExecutionEvent): EventRow {
  const { executionId, seq, type, time, ...rest } = event;
  return { execution_id: executionId, seq, type, time: new Date(time), data: JSON.stringify(rest) };
}

function eventOfRow(row: EventRow): ExecutionEvent {
  return { ...(JSON.parse(row.data) as object), executionId: row.execution_id, seq: row.seq, type: row.type, time: row.time.getTime() } as ExecutionEvent;
}
