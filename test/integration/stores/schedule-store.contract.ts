// Contract: ScheduleStore create/get/list, conditional replace, claims with leases (also concurrent),
// the due index, and namespaces.
import { describe, expect, it } from 'vitest';
import type { ScheduleRecord } from '../../../src/domain/schedule.js';
import { T0 } from './fixtures.js';
import { needsAtomicWrites, settle, useStores, type StoreHarness } from './store-harness.js';

const MINUTE = 60_000;

/** A stored schedule with a spec, an input holding keys MongoDB treats specially, and a state. */
export function scheduleRecord(scheduleId: string, more: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    namespace: 'default',
    scheduleId,
    revision: 1,
    createdAt: T0,
    updatedAt: T0,
    spec: {
      cron: [{ expression: '*/5 * * * *', timezone: 'Europe/Berlin' }],
      intervals: [{ everyMs: MINUTE, offsetMs: 0 }],
      startAt: null,
      endAt: T0 + 1e9,
      jitterMs: 500,
    },
    action: { graphId: 'g1', input: { $where: 'x', 'a.b': [1, null, { c: true }] }, labels: { team: 'ops' } },
    policies: { overlap: 'buffer_one', catchupWindowMs: 3_600_000 },
    state: {
      paused: false,
      note: '',
      nextNominal: T0 + MINUTE,
      pending: [{ kind: 'trigger', nominal: T0, fireAt: T0, executionId: 'sched-x-t1', overlap: null, buffered: false }],
      running: ['sched-x-1'],
      recent: [{ kind: 'scheduled', nominal: T0, takenAt: T0, result: 'failed', executionId: 'sched-x-0', error: 'not_found: graph' }],
      started: 3,
      skipped: 1,
      missed: 2,
      triggers: 1,
    },
    wakeAt: T0 + MINUTE,
    leaseOwner: null,
    leaseUntil: null,
    ...more,
  };
}

/** The ScheduleStore contract. */
export function scheduleStoreContract(harness: StoreHarness): void {
  describe('ScheduleStore: records', () => {
    const stores = useStores(harness);

    it('creates and reads back a schedule exactly; a second create of the id changes nothing', async () => {
      const record = scheduleRecord('s-crud');
      expect(await stores().schedules.create(record)).toBe(true);
      expect(await stores().schedules.get('default', 's-crud')).toEqual(record);
      expect(await stores().schedules.create(scheduleRecord('s-crud', { createdAt: T0 + 1 }))).toBe(false);
      expect(await stores().schedules.get('default', 's-crud')).toEqual(record);
      expect(await stores().schedules.get('default', 's-missing')).toBeNull();
    });

    it('replaces only at the expected revision', async () => {
      await stores().schedules.create(scheduleRecord('s-rev'));
      const next = scheduleRecord('s-rev', { revision: 2, wakeAt: null });
      expect(await stores().schedules.replace(next, 1)).toBe(true);
      expect(await stores().schedules.get('default', 's-rev')).toEqual(next);
      expect(await stores().schedules.replace(scheduleRecord('s-rev', { revision: 2 }), 1)).toBe(false);
      expect(await stores().schedules.get('default', 's-rev')).toEqual(next);
      expect(await stores().schedules.replace(scheduleRecord('s-none', { revision: 2 }), 1)).toBe(false);
      expect(await stores().schedules.get('default', 's-none')).toBeNull();
    });

    it('removes a schedule once', async () => {
      await stores().schedules.create(scheduleRecord('s-rm'));
      expect(await stores().schedules.remove('default', 's-rm')).toBe(true);
      expect(await stores().schedules.remove('default', 's-rm')).toBe(false);
      expect(await stores().schedules.get('default', 's-rm')).toBeNull();
    });

    it('lists a namespace in id order, in pages after an id; namespaces are apart', async () => {
      for (const id of ['l-c', 'l-a', 'l-b']) await stores().schedules.create(scheduleRecord(id, { namespace: 'listing' }));
      await stores().schedules.create(scheduleRecord('l-a', { namespace: 'other' }));
      const ids = async (after: string, limit: number): Promise<string[]> => (await stores().schedules.list('listing', after, limit)).map((r) => r.scheduleId);
      expect(await ids('', 10)).toEqual(['l-a', 'l-b', 'l-c']);
      expect(await ids('', 2)).toEqual(['l-a', 'l-b']);
      expect(await ids('l-b', 2)).toEqual(['l-c']);
      expect((await stores().schedules.list('other', '', 10)).map((r) => [r.namespace, r.scheduleId])).toEqual([['other', 'l-a']]);
      expect(await stores().schedules.get('listing', 'l-a')).toMatchObject({ namespace: 'listing' });
      expect(await stores().schedules.remove('nowhere', 'l-a')).toBe(false);
    });
  });

  describe('ScheduleStore: due wake-ups and claims', () => {
    const stores = useStores(harness);

    it('finds wake-ups at or before a time, soonest first, at most the limit; never one with none', async () => {
      await stores().schedules.create(scheduleRecord('d-3', { wakeAt: T0 + 3 * MINUTE }));
      await stores().schedules.create(scheduleRecord('d-1', { wakeAt: T0 + MINUTE, namespace: 'team-a' }));
      await stores().schedules.create(scheduleRecord('d-2', { wakeAt: T0 + 2 * MINUTE }));
      await stores().schedules.create(scheduleRecord('d-none', { wakeAt: null }));
      expect(await stores().schedules.due(T0 + 2 * MINUTE, 10)).toEqual([
        { namespace: 'team-a', scheduleId: 'd-1', wakeAt: T0 + MINUTE },
        { namespace: 'default', scheduleId: 'd-2', wakeAt: T0 + 2 * MINUTE },
      ]);
      expect((await stores().schedules.due(T0 + 10 * MINUTE, 2)).map((d) => d.scheduleId)).toEqual(['d-1', 'd-2']);
      // A replaced wake-up moves in the index; a removed schedule leaves it.
      const moved = scheduleRecord('d-3', { revision: 2, wakeAt: T0 });
      expect(await stores().schedules.replace(moved, 1)).toBe(true);
      await stores().schedules.remove('team-a', 'd-1');
      expect((await stores().schedules.due(T0 + 2 * MINUTE, 10)).map((d) => d.scheduleId)).toEqual(['d-3', 'd-2']);
    });

    it('claims a due schedule with a free or expired lease, bumping the revision; not one held, not one not due', async () => {
      await stores().schedules.create(scheduleRecord('c-1', { wakeAt: T0 }));
      expect(await stores().schedules.claim('default', 'c-1', 'r1', T0 + MINUTE, T0 - 1)).toBeNull();
      const claimed = await stores().schedules.claim('default', 'c-1', 'r1', T0 + MINUTE, T0);
      expect(claimed).toEqual(scheduleRecord('c-1', { wakeAt: T0, revision: 2, leaseOwner: 'r1', leaseUntil: T0 + MINUTE }));
      expect(await stores().schedules.claim('default', 'c-1', 'r2', T0 + 2 * MINUTE, T0 + 1)).toBeNull();
      // Its owner claims it again at once (a pass that failed); another replica after the lease expired.
      expect(await stores().schedules.claim('default', 'c-1', 'r1', T0 + MINUTE, T0 + 1)).toMatchObject({ revision: 3, leaseOwner: 'r1' });
      expect(await stores().schedules.claim('default', 'c-1', 'r2', T0 + 3 * MINUTE, T0 + MINUTE)).toMatchObject({ revision: 4, leaseOwner: 'r2' });
      expect(await stores().schedules.claim('default', 'c-missing', 'r1', T0 + MINUTE, T0)).toBeNull();
      // Before its wake-up only when asked to (an execution a buffered tick waits for has ended).
      await stores().schedules.create(scheduleRecord('c-early', { wakeAt: T0 + 10 * MINUTE }));
      expect(await stores().schedules.claim('default', 'c-early', 'r1', T0 + MINUTE, T0)).toBeNull();
      expect(await stores().schedules.claim('default', 'c-early', 'r1', T0 + MINUTE, T0, Number.MAX_SAFE_INTEGER)).toMatchObject({
        revision: 2,
        leaseOwner: 'r1',
      });
      await stores().schedules.create(scheduleRecord('c-idle', { wakeAt: null }));
      expect(await stores().schedules.claim('default', 'c-idle', 'r1', T0 + MINUTE, T0 + 1e12, Number.MAX_SAFE_INTEGER)).toBeNull();
      // A write based on the revision before the claim fails.
      expect(await stores().schedules.replace(scheduleRecord('c-1', { revision: 4 }), 3)).toBe(false);
    });

    it('gives a due schedule to one of several replicas claiming it at once', async (context) => {
      needsAtomicWrites(context, stores());
      await stores().schedules.create(scheduleRecord('race', { wakeAt: T0 }));
      const { values } = await settle(Array.from({ length: 8 }, (_, i) => stores().schedules.claim('default', 'race', `r${i}`, T0 + MINUTE, T0)));
      expect(values.filter((v) => v !== null)).toHaveLength(1);
    });
  });
}
