// Contract: IdempotencyStore putIfAbsent (also under concurrency) and get.
import { describe, expect, it } from 'vitest';
import type { IdempotencyRecord } from '../../../src/app/ports/idempotency-store.js';
import { T0 } from './fixtures.js';
import { settle, useStores, type StoreHarness } from './store-harness.js';

function record(key: string, fingerprint: string, scope = 'start'): IdempotencyRecord {
  return { scope, key, fingerprint, result: { execution_id: `exec-${fingerprint}`, $odd: { 'a.b': [1] } }, createdAt: T0 };
}

/** The IdempotencyStore contract. */
export function idempotencyStoreContract(harness: StoreHarness): void {
  describe('IdempotencyStore', () => {
    const stores = useStores(harness);

    it('stores the first record and returns it to every later call under the key', async () => {
      const first = await stores().idempotency.putIfAbsent(record('k1', 'f1'));
      expect(first).toEqual({ created: true, record: record('k1', 'f1') });
      const again = await stores().idempotency.putIfAbsent(record('k1', 'f2'));
      expect(again).toEqual({ created: false, record: record('k1', 'f1') });
      expect(await stores().idempotency.get('start', 'k1')).toEqual(record('k1', 'f1'));
    });

    it('keeps scopes apart', async () => {
      await stores().idempotency.putIfAbsent(record('shared-key', 'start-call', 'start'));
      const resume = await stores().idempotency.putIfAbsent(record('shared-key', 'resume-call', 'resume'));
      expect(resume.created).toBe(true);
      expect((await stores().idempotency.get('start', 'shared-key'))!.fingerprint).toBe('start-call');
      expect((await stores().idempotency.get('resume', 'shared-key'))!.fingerprint).toBe('resume-call');
    });

    it('takes keys with colons, dots and $', async () => {
      const key = 'tok:exec.1:$node:0';
      await stores().idempotency.putIfAbsent(record(key, 'f', 'resume-token'));
      expect(await stores().idempotency.get('resume-token', key)).toEqual(record(key, 'f', 'resume-token'));
    });

    it('returns null for an unknown key', async () => {
      expect(await stores().idempotency.get('start', 'never-used')).toBeNull();
    });

    it('creates exactly one record under concurrent first calls; all of them see it', async () => {
      const calls = Array.from({ length: 10 }, (_, n) => stores().idempotency.putIfAbsent(record('race', `f${n}`)));
      const { values, errors } = await settle(calls);
      expect(errors).toEqual([]);
      expect(values.filter((v) => v.created)).toHaveLength(1);
      const winner = values.find((v) => v.created)!.record;
      for (const value of values) expect(value.record).toEqual(winner);
      expect(await stores().idempotency.get('start', 'race')).toEqual(winner);
    });
  });
}
