import type { Collection } from 'mongodb';
import type { IdempotencyRecord, IdempotencyStore } from '../../app/ports/idempotency-store.js';
import type { JsonObject } from '../../domain/json.js';
import { idempotencyId, namespacedScopesPattern } from '../document/idempotency-id.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** An idempotency record in the `idempotency` collection; `_id` is `${scope}:${key}`. */
export interface IdempotencyRow {
  _id: string;
  scope: string;
  key: string;
  fingerprint: string;
  /** The first call's result as JSON text. */
  result: string;
  created_at: Date;
}

/** Idempotency records in MongoDB: the unique `_id` decides which of concurrent first calls wins. */
export class MongoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly records: Collection<IdempotencyRow>) {}

  remove(scope: string, key: string): Promise<void> {
    return guard('remove idempotency record', async () => {
      await this.records.deleteOne({ _id: idempotencyId(scope, key) });
    });
  }

  removeCreatedBefore(createdBefore: number, scopes: readonly string[], limit: number, fingerprintPrefix = ''): Promise<number> {
    return guard('remove idempotency records', async () => {
      if (limit <= 0 || scopes.length === 0) return 0;
      const rows = await this.records
        .find(
          {
            $or: [{ scope: { $in: [...scopes] } }, { scope: namespacedScopesPattern(scopes) }],
            created_at: { $lt: new Date(createdBefore) },
            ...(fingerprintPrefix === '' ? {} : { fingerprint: { $regex: `^${escapeRegex(fingerprintPrefix)}` } }),
          },
          { projection: { _id: 1 } },
        )
        .limit(limit)
        .toArray();
      if (rows.length === 0) return 0;
      return (await this.records.deleteMany({ _id: { $in: rows.map((row) => row._id) } })).deletedCount;
    });
  }

  putIfAbsent(record: IdempotencyRecord): Promise<{ readonly created: boolean; readonly record: IdempotencyRecord }> {
    return guard('put idempotency record', async () => {
      const row: IdempotencyRow = {
        _id: idempotencyId(record.scope, record.key),
        scope: record.scope,
        key: record.key,
        fingerprint: record.fingerprint,
        result: JSON.stringify(record.result),
        created_at: new Date(record.createdAt),
      };
      try {
        await this.records.insertOne(row);
        return { created: true, record: recordOfRow(row) };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const existing = await this.records.findOne({ _id: row._id });
      if (existing === null) throw new Error(`idempotency record ${row._id} vanished after a duplicate key`);
      return { created: false, record: recordOfRow(existing) };
    });
  }

  get(scope: string, key: string): Promise<IdempotencyRecord | null> {
    return guard('get idempotency record', async () => {
      const row = await this.records.findOne({ _id: idempotencyId(scope, key) });
      return row === null ? null : recordOfRow(row);
    });
  }
}

function recordOfRow(row: IdempotencyRow): IdempotencyRecord {
  return { scope: row.scope, key: row.key, fingerprint: row.fingerprint, result: JSON.parse(row.result) as JsonObject, createdAt: row.created_at.getTime() };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
