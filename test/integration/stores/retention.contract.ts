// Contract: retention deletes (expired executions, remove, events, tasks, idempotency records).
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/app/ports/task-store.js';
import { LOOP, T0, bareExecution, largeOutputs, recordOf, runFixture, taskRecord } from './fixtures.js';
import { useStores, type StoreHarness } from './store-harness.js';

const MINUTE = 60_000;

function taskOf(taskId: string, executionId: string): TaskRecord {
  return taskRecord(taskId, { executionId, runKey: `${executionId}:send:0` });
}

/** The retention contract of the stores. */
export function retentionContract(harness: StoreHarness): void {
  describe('Retention', () => {
    const stores = useStores(harness, { inlineOutputBytes: 16 * 1024 });

    it('finds ended executions last written before the cutoff, free of leases and owed work, oldest first', async () => {
      const { executions } = stores();
      await executions.insert(recordOf(bareExecution('old-completed', { status: 'completed' }), { updatedAt: T0 + 2 }));
      await executions.insert(recordOf(bareExecution('old-failed', { status: 'failed', parent: 'some-parent' }), { updatedAt: T0 + 1 }));
      await executions.insert(
        recordOf(bareExecution('old-cancelled-released', { status: 'cancelled' }), { updatedAt: T0 + 3, lease: { owner: 'r', epoch: 1, until: 0 } }),
      );
      await executions.insert(recordOf(bareExecution('old-running', { status: 'running' }), { updatedAt: T0 }));
      await executions.insert(recordOf(bareExecution('old-suspended', { status: 'suspended' }), { updatedAt: T0 }));
      await executions.insert(
        recordOf(bareExecution('old-leased', { status: 'completed' }), { updatedAt: T0, lease: { owner: 'r', epoch: 1, until: T0 + MINUTE } }),
      );
      await executions.insert(
        recordOf(bareExecution('old-owing', { status: 'completed' }), { updatedAt: T0, effects: [{ kind: 'cancel_task', taskId: 't' }] }),
      );
      await executions.insert(recordOf(bareExecution('recent', { status: 'completed' }), { updatedAt: T0 + 10 * MINUTE }));
      expect(await executions.expired(T0 + MINUTE, 10)).toEqual([
        { id: 'old-failed', parentId: 'some-parent' },
        { id: 'old-completed', parentId: null },
        { id: 'old-cancelled-released', parentId: null },
      ]);
      expect(await executions.expired(T0 + MINUTE, 1)).toEqual([{ id: 'old-failed', parentId: 'some-parent' }]);
    });

    it('finds expired executions of one namespace, or of all namespaces but some', async () => {
      const { executions } = stores();
      for (const [n, id] of ['keep-a/1', 'keep-b/1', 'keep-a/2'].entries()) {
        await executions.insert(recordOf(bareExecution(id, { status: 'completed' }), { updatedAt: T0 - 10 + n }));
      }
      expect(await executions.expired(T0, 10, { only: 'keep-a' })).toEqual([
        { id: 'keep-a/1', parentId: null },
        { id: 'keep-a/2', parentId: null },
      ]);
      expect(await executions.expired(T0, 10, { only: 'keep-c' })).toEqual([]);
      expect(await executions.expired(T0, 10, { except: ['keep-a', 'default'] })).toEqual([{ id: 'keep-b/1', parentId: null }]);
    });

    it('removes an ended execution with its outside outputs, and leaves one that has not ended', async () => {
      const { executions } = stores();
      const run = await runFixture(largeOutputs(40 * 1024), { id: 'remove-big' });
      expect(run.execution.status).toBe('completed');
      await executions.insert(recordOf(run.execution));
      await executions.insert(recordOf(bareExecution('remove-running', { status: 'running' })));
      await executions.remove('remove-big');
      await executions.remove('remove-running');
      await executions.remove('remove-missing');
      expect(await executions.get('remove-big')).toBeNull();
      expect(await executions.get('remove-running')).not.toBeNull();
      // The id is free again: an insert under it succeeds and reads back the new execution.
      await executions.insert(recordOf(bareExecution('remove-big', { status: 'completed' })));
      expect((await executions.get('remove-big'))?.execution.input).toEqual({ id: 'remove-big' });
    });

    it("removes an execution's events and tasks, and no other's", async () => {
      const { events, tasks } = stores();
      const gone = await runFixture(LOOP, { id: 'events-gone' });
      const kept = await runFixture(LOOP, { id: 'events-kept' });
      await events.append(gone.events, 1);
      await events.append(kept.events, 1);
      await tasks.create(taskOf('task-gone', 'events-gone'));
      await tasks.create(taskOf('task-kept', 'events-kept'));
      await events.removeAll('events-gone');
      await tasks.removeForExecution('events-gone');
      expect(await events.read('events-gone', 0, 1000)).toEqual([]);
      expect(await events.read('events-kept', 0, 1000)).toHaveLength(kept.events.length);
      expect(await tasks.get('task-gone')).toBeNull();
      expect(await tasks.get('task-kept')).not.toBeNull();
    });

    it('removes idempotency records of the scopes created before the cutoff, at most the limit, and single records', async () => {
      const { idempotency } = stores();
      for (const [key, createdAt] of [
        ['r1', T0],
        ['r2', T0 + 1],
        ['r3', T0 + 2],
        ['r4', T0 + 10 * MINUTE],
      ] as const) {
        await idempotency.putIfAbsent({ scope: 'start', key, fingerprint: 'f', result: { execution_id: key }, createdAt });
      }
      await idempotency.putIfAbsent({ scope: 'resume-token', key: 'tok', fingerprint: 'f', result: {}, createdAt: T0 });
      await idempotency.putIfAbsent({ scope: 'execution', key: 'e1', fingerprint: 'f', result: {}, createdAt: T0 });
      expect(await idempotency.removeCreatedBefore(T0 + MINUTE, ['start'], 2)).toBe(2);
      expect(await idempotency.removeCreatedBefore(T0 + MINUTE, ['start'], 10)).toBe(1);
      for (const key of ['r1', 'r2', 'r3']) expect(await idempotency.get('start', key)).toBeNull();
      expect(await idempotency.get('start', 'r4')).not.toBeNull();
      expect(await idempotency.get('resume-token', 'tok')).not.toBeNull();
      await idempotency.remove('execution', 'e1');
      await idempotency.remove('execution', 'never');
      expect(await idempotency.get('execution', 'e1')).toBeNull();
    });

    it('removes only the records whose fingerprint starts with the prefix, when one is given', async () => {
      const { idempotency } = stores();
      await idempotency.putIfAbsent({ scope: 'execution', key: 'sched-a-1', fingerprint: 'tick:skipped', result: {}, createdAt: T0 });
      await idempotency.putIfAbsent({ scope: 'execution', key: 'sched-a-2', fingerprint: 'tick:missed', result: {}, createdAt: T0 });
      await idempotency.putIfAbsent({ scope: 'execution', key: 'sched-a-3', fingerprint: 'tick:skipped', result: {}, createdAt: T0 + 10 * MINUTE });
      await idempotency.putIfAbsent({ scope: 'execution', key: 'order-1', fingerprint: 'a1b2', result: {}, createdAt: T0 });
      expect(await idempotency.removeCreatedBefore(T0 + MINUTE, ['execution'], 10, 'tick:')).toBe(2);
      expect(await idempotency.get('execution', 'sched-a-1')).toBeNull();
      expect(await idempotency.get('execution', 'sched-a-2')).toBeNull();
      expect(await idempotency.get('execution', 'sched-a-3')).not.toBeNull();
      expect(await idempotency.get('execution', 'order-1')).not.toBeNull();
    });
  });
}
