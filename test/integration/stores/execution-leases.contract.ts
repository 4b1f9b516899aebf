// Contract: ExecutionStore leases (claim, renew, steal after expiry, release) and due/orphaned.
import { describe, expect, it } from 'vitest';
import { StoreConflict, type Lease } from '../../../src/app/ports/execution-store.js';
import type { ExecutionStatus } from '../../../src/domain/execution.js';
import { T0, bareExecution, recordOf } from './fixtures.js';
import { needsAtomicWrites, settle, useStores, type StoreHarness } from './store-harness.js';

const MINUTE = 60_000;

/** The lease and wake-up contract of ExecutionStore. */
export function executionLeaseContract(harness: StoreHarness): void {
  describe('ExecutionStore: leases', () => {
    const stores = useStores(harness);

    it('claims a free lease at epoch 1 and increments the revision', async () => {
      await stores().executions.insert(recordOf(bareExecution('lease-free')));
      const claimed = await stores().executions.claim('lease-free', 'r1', T0 + MINUTE, T0);
      expect(claimed).toMatchObject({ revision: 2, lease: { owner: 'r1', epoch: 1, until: T0 + MINUTE }, updatedAt: T0 });
      expect(claimed!.execution.id).toBe('lease-free');
      expect(await stores().executions.get('lease-free')).toMatchObject({ revision: 2, lease: { owner: 'r1', epoch: 1, until: T0 + MINUTE } });
    });

    it('refuses a claim while another owner holds an unexpired lease, and lets the holder renew', async () => {
      await stores().executions.insert(recordOf(bareExecution('lease-held'), { lease: { owner: 'r1', epoch: 4, until: T0 + MINUTE } }));
      expect(await stores().executions.claim('lease-held', 'r2', T0 + 2 * MINUTE, T0 + MINUTE - 1)).toBeNull();
      expect(await stores().executions.get('lease-held')).toMatchObject({ revision: 1, lease: { owner: 'r1', epoch: 4 } });
      const renewed = await stores().executions.claim('lease-held', 'r1', T0 + 2 * MINUTE, T0 + 1000);
      expect(renewed).toMatchObject({ revision: 2, lease: { owner: 'r1', epoch: 4, until: T0 + 2 * MINUTE } });
    });

    it('lets another owner take an expired lease with the next epoch, fencing off the old owner', async () => {
      await stores().executions.insert(recordOf(bareExecution('lease-steal'), { lease: { owner: 'r1', epoch: 1, until: T0 + MINUTE } }));
      const old = await stores().executions.get('lease-steal');
      const stolen = await stores().executions.claim('lease-steal', 'r2', T0 + 3 * MINUTE, T0 + MINUTE);
      expect(stolen).toMatchObject({ revision: 2, lease: { owner: 'r2', epoch: 2, until: T0 + 3 * MINUTE } });
      const late = await stores()
        .executions.update(recordOf(old!.execution, { lease: old!.lease }), old!.revision)
        .catch((e: unknown) => e);
      expect(late).toBeInstanceOf(StoreConflict);
      expect(await stores().executions.claim('lease-steal', 'r1', T0 + 4 * MINUTE, T0 + 2 * MINUTE)).toBeNull();
    });

    it('releases only the lease the owner holds at that epoch; epochs keep growing', async () => {
      await stores().executions.insert(recordOf(bareExecution('lease-release')));
      const first = await stores().executions.claim('lease-release', 'r1', T0 + MINUTE, T0);
      expect(await stores().executions.release('lease-release', 'r2', 1)).toBe(false);
      expect(await stores().executions.release('lease-release', 'r1', 7)).toBe(false);
      expect(await stores().executions.release('lease-release', 'r1', 1)).toBe(true);
      const released = await stores().executions.get('lease-release');
      expect(released!.revision).toBe(first!.revision);
      expect(released!.lease).toMatchObject({ owner: 'r1', epoch: 1 });
      expect(released!.lease!.until).toBeLessThanOrEqual(T0);
      const next = await stores().executions.claim('lease-release', 'r2', T0 + MINUTE, T0 + 1);
      expect(next!.lease).toEqual({ owner: 'r2', epoch: 2, until: T0 + MINUTE });
      expect(await stores().executions.release('no-such-execution', 'r2', 2)).toBe(false);
    });

    it('renews only the lease the owner holds at that epoch, leaving the revision alone', async () => {
      await stores().executions.insert(recordOf(bareExecution('lease-renew')));
      const claimed = await stores().executions.claim('lease-renew', 'r1', T0 + MINUTE, T0);
      expect(await stores().executions.renew('lease-renew', 'r2', 1, T0 + 5 * MINUTE)).toBe(false);
      expect(await stores().executions.renew('lease-renew', 'r1', 2, T0 + 5 * MINUTE)).toBe(false);
      expect(await stores().executions.renew('lease-renew', 'r1', 1, T0 + 5 * MINUTE)).toBe(true);
      const renewed = await stores().executions.get('lease-renew');
      expect(renewed).toMatchObject({ revision: claimed!.revision, lease: { owner: 'r1', epoch: 1, until: T0 + 5 * MINUTE } });
      expect(await stores().executions.claim('lease-renew', 'r2', T0 + 6 * MINUTE, T0 + 2 * MINUTE)).toBeNull();
      expect(await stores().executions.renew('no-such-execution', 'r1', 1, T0)).toBe(false);
    });

    it('keeps pending effects with a write and finishes them under the lease', async () => {
      const effects = [
        { kind: 'notify_parent', parentExecutionId: 'p', parentNodeKey: 'call', parentRunIndex: 0 },
        { kind: 'cancel_children', executionIds: ['c1', 'c2'], reason: 'parent_cancelled' },
        { kind: 'cancel_task', taskId: 't1' },
        { kind: 'check_suspension' },
      ] as const;
      const inserted = await stores().executions.insert(recordOf(bareExecution('effects'), { effects, lease: { owner: 'r1', epoch: 1, until: T0 + MINUTE } }));
      expect((await stores().executions.get('effects'))!.effects).toEqual(effects);
      expect(await stores().executions.finishEffects('effects', 'r2', 1, [], true)).toBe(false);
      expect(await stores().executions.finishEffects('effects', 'r1', 1, [effects[1]], false)).toBe(true);
      expect(await stores().executions.get('effects')).toMatchObject({
        revision: inserted.revision,
        effects: [effects[1]],
        lease: { owner: 'r1', epoch: 1, until: T0 + MINUTE },
      });
      expect(await stores().executions.finishEffects('effects', 'r1', 1, [], true)).toBe(true);
      const finished = await stores().executions.get('effects');
      expect(finished!.effects).toEqual([]);
      expect(finished!.lease!.until).toBeLessThanOrEqual(0);
      expect(await stores().executions.orphaned(T0 + 2 * MINUTE, 100)).not.toContain('effects');
    });

    it('returns null when claiming an execution that does not exist', async () => {
      expect(await stores().executions.claim('lease-missing', 'r1', T0 + MINUTE, T0)).toBeNull();
    });

    it('gives a free lease to exactly one of concurrent claimers', async (context) => {
      needsAtomicWrites(context, stores());
      await stores().executions.insert(recordOf(bareExecution('lease-race')));
      const owners = ['a', 'b', 'c', 'd', 'e', 'f'];
      const { values, errors } = await settle(owners.map((owner) => stores().executions.claim('lease-race', owner, T0 + MINUTE, T0)));
      expect(errors).toEqual([]);
      const winners = values.filter((v) => v !== null);
      expect(winners).toHaveLength(1);
      const stored = await stores().executions.get('lease-race');
      expect(stored!.lease).toEqual(winners[0]!.lease);
      expect(stored!.revision).toBe(2);
    });
  });

  describe('ExecutionStore: due and orphaned', () => {
    const stores = useStores(harness);
    const now = T0 + 10 * MINUTE;
    const expired: Lease = { owner: 'gone', epoch: 3, until: now - 1 };
    const expiresNow: Lease = { owner: 'gone', epoch: 1, until: now };
    const held: Lease = { owner: 'alive', epoch: 2, until: now + MINUTE };

    const rows: { id: string; status: ExecutionStatus; wake: number | null; lease: Lease | null }[] = [
      { id: 'w-late', status: 'suspended', wake: now - 1000, lease: null },
      { id: 'w-early', status: 'suspended', wake: now - 5000, lease: null },
      { id: 'w-now', status: 'pending', wake: now, lease: null },
      { id: 'w-future', status: 'suspended', wake: now + 1, lease: null },
      { id: 'w-held', status: 'suspended', wake: now - 9000, lease: held },
      { id: 'w-expired', status: 'suspended', wake: now - 2000, lease: expired },
      { id: 'w-tie-b', status: 'suspended', wake: now - 3000, lease: null },
      { id: 'w-tie-a', status: 'suspended', wake: now - 3000, lease: null },
      { id: 'r-none', status: 'running', wake: null, lease: null },
      { id: 'r-held', status: 'running', wake: null, lease: held },
      { id: 'r-expired', status: 'running', wake: null, lease: expired },
      { id: 'r-expires-now', status: 'running', wake: null, lease: expiresNow },
      { id: 'r-older', status: 'running', wake: null, lease: { owner: 'gone', epoch: 1, until: now - MINUTE } },
      { id: 'c-expired', status: 'completed', wake: null, lease: expired },
    ];

    const ids = (wakes: readonly { id: string }[]): string[] => wakes.map((wake) => wake.id);

    it('finds due executions: wake-up reached, lease free or expired, soonest first, with their times', async () => {
      for (const row of rows) {
        await stores().executions.insert(recordOf(bareExecution(row.id, { status: row.status }), { nextWakeAt: row.wake, lease: row.lease }));
      }
      expect(ids(await stores().executions.due(now, now, 100))).toEqual(['w-early', 'w-tie-a', 'w-tie-b', 'w-expired', 'w-late', 'w-now']);
      expect(await stores().executions.due(now, now, 2)).toEqual([
        { id: 'w-early', at: now - 5000 },
        { id: 'w-tie-a', at: now - 3000 },
      ]);
      expect(await stores().executions.due(now - 10_000, now - 10_000, 100)).toEqual([]);
    });

    it('looks ahead: wake-ups up to `until` whose lease is free at `now`', async () => {
      expect(ids(await stores().executions.due(now + 1, now, 100))).toEqual(['w-early', 'w-tie-a', 'w-tie-b', 'w-expired', 'w-late', 'w-now', 'w-future']);
      expect(await stores().executions.due(now + 1, now, 100)).toContainEqual({ id: 'w-future', at: now + 1 });
    });

    it('finds orphaned executions: a lease that expired without being released, whatever the status, longest expired first', async () => {
      expect(await stores().executions.orphaned(now, 100)).toEqual(['r-older', 'c-expired', 'r-expired', 'w-expired', 'r-expires-now']);
      expect(await stores().executions.orphaned(now, 1)).toEqual(['r-older']);
      expect(await stores().executions.orphaned(now - 2 * MINUTE, 100)).toEqual([]);
    });

    it('does not count a released lease as orphaned', async () => {
      const claimed = await stores().executions.claim('r-none', 'me', now - 1000, now - 2000);
      expect(claimed).not.toBeNull();
      expect(await stores().executions.orphaned(now, 100)).toContain('r-none');
      expect(await stores().executions.release('r-none', 'me', claimed!.lease!.epoch)).toBe(true);
      expect(await stores().executions.orphaned(now, 100)).not.toContain('r-none');
    });

    it('stops listing an execution as due once a replica claims it', async () => {
      const claimed = await stores().executions.claim('w-early', 'me', now + MINUTE, now);
      expect(claimed).not.toBeNull();
      expect(ids(await stores().executions.due(now, now, 100))).not.toContain('w-early');
      expect(ids(await stores().executions.due(now + MINUTE, now + MINUTE, 100))).toContain('w-early');
    });
  });
}
