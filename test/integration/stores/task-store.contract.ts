// Contract: TaskStore create/get, claim by type with leases (also concurrent), extend and finish.
import { describe, expect, it } from 'vitest';
import { T0, taskRecord as task } from './fixtures.js';
import { needsAtomicWrites, settle, useStores, type StoreHarness } from './store-harness.js';

const MINUTE = 60_000;

/** The TaskStore contract. */
export function taskStoreContract(harness: StoreHarness): void {
  describe('TaskStore: records', () => {
    const stores = useStores(harness);

    it('creates and reads back a task; creating it again changes nothing', async () => {
      await stores().tasks.create(task('t-crud'));
      expect(await stores().tasks.get('t-crud')).toEqual(task('t-crud'));
      await stores().tasks.create(task('t-crud', { input: 'other' }));
      expect(await stores().tasks.get('t-crud')).toEqual(task('t-crud'));
      expect(await stores().tasks.get('t-missing')).toBeNull();
    });

    it('finishes only an open task, with its result, and frees its lease', async () => {
      await stores().tasks.create(task('t-finish'));
      await stores().tasks.claim('default', ['email'], 'w1', T0 + MINUTE, T0, 10);
      expect(await stores().tasks.finish('t-finish', 'completed', { sent: true, $id: 'x.y' })).toBe(true);
      expect(await stores().tasks.get('t-finish')).toMatchObject({
        status: 'completed',
        result: { sent: true, $id: 'x.y' },
        leaseOwner: null,
        leaseUntil: null,
      });
      expect(await stores().tasks.finish('t-finish', 'failed', null)).toBe(false);
      expect(await stores().tasks.get('t-finish')).toMatchObject({ status: 'completed' });
      expect(await stores().tasks.finish('t-missing', 'cancelled', null)).toBe(false);
    });
  });

  describe('TaskStore: claims and leases', () => {
    const stores = useStores(harness);

    it('claims and reads only the tasks of the namespace asked for (the namespace of their execution)', async () => {
      await stores().tasks.create(task('ns-default', { taskType: 'ship', executionId: 'order-1' }));
      await stores().tasks.create(task('ns-a', { taskType: 'ship', executionId: 'team-a/order-1', createdAt: T0 + 1 }));
      await stores().tasks.create(task('ns-b', { taskType: 'ship', executionId: 'team-b/order-1', createdAt: T0 + 2 }));
      expect((await stores().tasks.claim('team-a', ['ship'], 'wa', T0 + MINUTE, T0, 10)).map((t) => t.taskId)).toEqual(['ns-a']);
      expect((await stores().tasks.claim('team-b', ['ship'], 'wb', T0 + MINUTE, T0, 10)).map((t) => t.taskId)).toEqual(['ns-b']);
      expect(await stores().tasks.claim('team-c', ['ship'], 'wc', T0 + MINUTE, T0, 10)).toEqual([]);
      expect((await stores().tasks.claim('default', ['ship'], 'wd', T0 + MINUTE, T0, 10)).map((t) => t.taskId)).toEqual(['ns-default']);
      expect(await stores().tasks.get('ns-a', 'team-a')).toMatchObject({ taskId: 'ns-a', leaseOwner: 'wa' });
      expect(await stores().tasks.get('ns-a', 'team-b')).toBeNull();
      expect(await stores().tasks.get('ns-a', 'default')).toBeNull();
      expect(await stores().tasks.get('ns-default', 'default')).toMatchObject({ taskId: 'ns-default' });
      expect(await stores().tasks.get('ns-default', 'team-a')).toBeNull();
    });

    it('claims open tasks of the given types, oldest first, at most max', async () => {
      await stores().tasks.create(task('c-3', { taskType: 'sms', createdAt: T0 + 3 }));
      await stores().tasks.create(task('c-1', { taskType: 'sms', createdAt: T0 + 1 }));
      await stores().tasks.create(task('c-2b', { taskType: 'fax', createdAt: T0 + 2 }));
      await stores().tasks.create(task('c-2a', { taskType: 'sms', createdAt: T0 + 2 }));
      await stores().tasks.create(task('c-other', { taskType: 'pager', createdAt: T0 }));
      const first = await stores().tasks.claim('default', ['sms', 'fax'], 'w1', T0 + MINUTE, T0 + 10, 3);
      expect(first.map((t) => t.taskId)).toEqual(['c-1', 'c-2a', 'c-2b']);
      expect(first.every((t) => t.leaseOwner === 'w1' && t.leaseUntil === T0 + MINUTE)).toBe(true);
      expect((await stores().tasks.get('c-2a'))!.leaseOwner).toBe('w1');
      const second = await stores().tasks.claim('default', ['sms', 'fax'], 'w2', T0 + MINUTE, T0 + 10, 3);
      expect(second.map((t) => t.taskId)).toEqual(['c-3']);
      expect(await stores().tasks.claim('default', ['sms', 'fax'], 'w3', T0 + MINUTE, T0 + 10, 3)).toEqual([]);
      expect(await stores().tasks.claim('default', [], 'w3', T0 + MINUTE, T0 + 10, 3)).toEqual([]);
      expect(await stores().tasks.claim('default', ['pager'], 'w3', T0 + MINUTE, T0 + 10, 0)).toEqual([]);
    });

    it('does not hand out finished or timed-out tasks', async () => {
      await stores().tasks.create(task('x-done', { taskType: 'x' }));
      await stores().tasks.finish('x-done', 'cancelled', null);
      await stores().tasks.create(task('x-late', { taskType: 'x', timeoutAt: T0 + 5 }));
      expect(await stores().tasks.claim('default', ['x'], 'w1', T0 + MINUTE, T0 + 5, 10)).toEqual([]);
    });

    it('lets another worker claim a task once its lease expired; the first worker then cannot extend', async () => {
      await stores().tasks.create(task('l-1', { taskType: 'lease' }));
      expect((await stores().tasks.claim('default', ['lease'], 'w1', T0 + MINUTE, T0, 1)).map((t) => t.taskId)).toEqual(['l-1']);
      expect(await stores().tasks.claim('default', ['lease'], 'w2', T0 + 2 * MINUTE, T0 + MINUTE - 1, 1)).toEqual([]);
      expect(await stores().tasks.extend('l-1', 'w1', T0 + 90_000, T0 + 30_000)).toBe(true);
      expect(await stores().tasks.claim('default', ['lease'], 'w2', T0 + 2 * MINUTE, T0 + MINUTE, 1)).toEqual([]);
      const stolen = await stores().tasks.claim('default', ['lease'], 'w2', T0 + 3 * MINUTE, T0 + 90_000, 1);
      expect(stolen).toMatchObject([{ taskId: 'l-1', leaseOwner: 'w2', leaseUntil: T0 + 3 * MINUTE }]);
      expect(await stores().tasks.extend('l-1', 'w1', T0 + 4 * MINUTE, T0 + 90_001)).toBe(false);
      expect(await stores().tasks.extend('l-1', 'w2', T0 + 4 * MINUTE, T0 + 90_001)).toBe(true);
      expect((await stores().tasks.get('l-1'))!.leaseUntil).toBe(T0 + 4 * MINUTE);
    });

    it('refuses to extend an expired lease, or a task that is not open', async () => {
      await stores().tasks.create(task('e-1', { taskType: 'extend' }));
      await stores().tasks.claim('default', ['extend'], 'w1', T0 + MINUTE, T0, 1);
      expect(await stores().tasks.extend('e-1', 'w1', T0 + 2 * MINUTE, T0 + MINUTE)).toBe(false);
      await stores().tasks.claim('default', ['extend'], 'w1', T0 + 3 * MINUTE, T0 + MINUTE, 1);
      await stores().tasks.finish('e-1', 'completed', null);
      expect(await stores().tasks.extend('e-1', 'w1', T0 + 4 * MINUTE, T0 + MINUTE + 1)).toBe(false);
      expect(await stores().tasks.extend('e-missing', 'w1', T0 + 4 * MINUTE, T0)).toBe(false);
    });

    it('gives each task to one worker only under concurrent claims', async (context) => {
      needsAtomicWrites(context, stores());
      const ids = Array.from({ length: 12 }, (_, n) => `race-${String(n).padStart(2, '0')}`);
      for (const [n, id] of ids.entries()) await stores().tasks.create(task(id, { taskType: 'race', createdAt: T0 + n }));
      const workers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
      const { values, errors } = await settle(workers.map((w) => stores().tasks.claim('default', ['race'], w, T0 + MINUTE, T0, 3)));
      expect(errors).toEqual([]);
      const claimed = values.flat().map((t) => t.taskId);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect([...claimed].sort()).toEqual(ids);
      for (const [n, batch] of values.entries()) {
        for (const t of batch) expect((await stores().tasks.get(t.taskId))!.leaseOwner).toBe(workers[n]);
      }
    });
  });
}
