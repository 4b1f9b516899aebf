import type { IdempotencyRecord, IdempotencyStore } from '../../app/ports/idempotency-store.js';
import { idempotencyId, scopeCovered } from '../document/idempotency-id.js';

/** Idempotency records kept in process memory as JSON text, by (scope, key). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, string>();

  async putIfAbsent(record: IdempotencyRecord): Promise<{ readonly created: boolean; readonly record: IdempotencyRecord }> {
    const id = idempotencyId(record.scope, record.key);
    const existing = this.records.get(id);
    if (existing !== undefined) return { created: false, record: JSON.parse(existing) as IdempotencyRecord };
    const text = JSON.stringify(record);
    this.records.set(id, text);
    return { created: true, record: JSON.parse(text) as IdempotencyRecord };
  }

  async remove(scope: string, key: string): Promise<void> {
    this.records.delete(idempotencyId(scope, key));
  }

  async removeCreatedBefore(createdBefore: number, scopes: readonly string[], limit: number, fingerprintPrefix = ''): Promise<number> {
    let removed = 0;
    for (const [id, text] of this.records) {
      if (removed >= limit) break;
      const record = JSON.parse(text) as IdempotencyRecord;
      if (scopeCovered(scopes, record.scope) && record.createdAt < createdBefore && record.fingerprint.startsWith(fingerprintPrefix)) {
        this.records.delete(id);
        removed++;
      }
    }
    return removed;
  }

  async get(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const text = this.records.get(idempotencyId(scope, key));
    return text === undefined ? null : (JSON.parse(text) as IdempotencyRecord);
  }
}
