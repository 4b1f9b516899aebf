// Contract: ExecutionStore CRUD, round-trip of realistic executions, revisions and conflicts.
import { describe, expect, it } from 'vitest';
import { StoreConflict } from '../../../src/app/ports/execution-store.js';
import type { Execution } from '../../../src/domain/execution.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { CHAIN, FAILED, FAILING, LOOP, ODD_KEYS, SHARED, SUSPENDING, T0, largeOutputs, recordOf, runFixture, snapshot } from './fixtures.js';
import { needsAtomicWrites, settle, useStores, type StoreHarness, type StoresUnderTest } from './store-harness.js';

/** Runs a workflow under a fresh id, inserts it and reads it back. */
async function roundTrip(
  stores: StoresUnderTest,
  id: string,
  definition: WorkflowDefinition,
  labels?: Record<string, string>,
): Promise<{ original: Execution; stored: Execution }> {
  const run = await runFixture(definition, { id, labels, input: { source: id } });
  await stores.executions.insert(recordOf(run.execution));
  const record = await stores.executions.get(id);
  expect(record).not.toBeNull();
  return { original: run.execution, stored: (record as { execution: Execution }).execution };
}

/** The ExecutionStore contract: CRUD, round-trips and revision conflicts. */
export function executionStoreContract(harness: StoreHarness): void {
  describe('ExecutionStore: CRUD and round-trip', () => {
    // A low inline threshold, so that outputs of a few KB already go outside the document.
    const stores = useStores(harness, { inlineOutputBytes: 4 * 1024 });

    it('inserts at revision 1 and reads back the record', async () => {
      const run = await runFixture(CHAIN, { id: 'crud-1' });
      const inserted = await stores().executions.insert(
        recordOf(run.execution, { nextWakeAt: T0 + 5000, lease: { owner: 'r1', epoch: 1, until: T0 + 30_000 }, updatedAt: T0 + 1 }),
      );
      expect(inserted.revision).toBe(1);
      const record = await stores().executions.get('crud-1');
      expect(record).toMatchObject({ revision: 1, nextWakeAt: T0 + 5000, lease: { owner: 'r1', epoch: 1, until: T0 + 30_000 }, updatedAt: T0 + 1 });
      expect(snapshot(record!.execution)).toEqual(snapshot(run.execution));
    });

    it('returns null for an unknown id', async () => {
      expect(await stores().executions.get('no-such-execution')).toBeNull();
    });

    it('round-trips a completed chain with constant and templated params', async () => {
      const { original, stored } = await roundTrip(stores(), 'rt-chain', CHAIN);
      expect(original.status).toBe('completed');
      expect(snapshot(stored)).toEqual(snapshot(original));
    });

    it('round-trips a suspended execution, which then resumes from the stored copy', async () => {
      const run = await runFixture(SUSPENDING, { id: 'rt-suspended', input: { a: 1 } });
      expect(run.execution.status).toBe('suspended');
      await stores().executions.insert(recordOf(run.execution, { nextWakeAt: run.clock + 5000 }));
      const record = await stores().executions.get('rt-suspended');
      expect(snapshot(record!.execution)).toEqual(snapshot(run.execution));
      expect(record!.nextWakeAt).toBe(run.clock + 5000);
      run.execution = record!.execution;
      await run.advanceAndWake(5000);
      expect(run.execution.status).toBe('completed');
      expect(run.run('next').output).toEqual({ main: { a: 1 } });
    });

    it('round-trips a loop with two retained runs per loop node and execution state', async () => {
      const { original, stored } = await roundTrip(stores(), 'rt-loop', LOOP);
      expect(stored.runs.get('increment')?.map((r) => r.runIndex)).toEqual([3, 2]);
      expect(stored.iterationCount).toBe(3);
      expect(snapshot(stored)).toEqual(snapshot(original));
    });

    it('keeps shared outputs shared, also when the owning run comes later in node order', async () => {
      const { original, stored } = await roundTrip(stores(), 'rt-shared', SHARED);
      expect(snapshot(stored)).toEqual(snapshot(original));
      const source = stored.runs.get('source')?.[0]?.output;
      expect(source).toEqual({ items: [1, 2, 3], nested: { deep: true } });
      expect(stored.runs.get('middle')?.[0]?.output).toBe(source);
      expect(stored.runs.get('last')?.[0]?.output).toBe(source);
    });

    it('round-trips state and output keys with $ and dots, and labels with dots', async () => {
      const labels = { 'team.name': 'core', 'app.kubernetes.io-part': 'x=y', env: 'prod' };
      const { original, stored } = await roundTrip(stores(), 'rt-odd', ODD_KEYS, labels);
      expect(stored.state).toEqual({ $where: 'x', 'a.b': { $in: [1, 2] }, plain: 'value' });
      expect(stored.runs.get('data')?.[0]?.output).toEqual({ $set: { 'x.y': 1 }, '.': '$', 'k.$': null });
      expect(stored.labels).toEqual(labels);
      expect(snapshot(stored)).toEqual(snapshot(original));
    });

    it('round-trips failed runs and node errors', async () => {
      const { original, stored } = await roundTrip(stores(), 'rt-failed', FAILED);
      expect(stored.status).toBe('failed');
      expect(stored.runs.get('f')?.[0]).toMatchObject({ status: 'failed', error: { code: 'boom' } });
      expect(snapshot(stored)).toEqual(snapshot(original));
    });

    it('round-trips completions on a port other than the default (the error port)', async () => {
      const { original, stored } = await roundTrip(stores(), 'rt-error-port', FAILING);
      expect(stored.runs.get('f')?.[0]).toMatchObject({ status: 'completed', outputPort: 'error', output: { code: 'action_error' } });
      expect(snapshot(stored)).toEqual(snapshot(original));
    });

    it('round-trips outputs above the inline threshold, stored outside the document', async () => {
      const size = 20 * 1024;
      const { original, stored } = await roundTrip(stores(), 'rt-large', largeOutputs(size));
      expect(snapshot(stored)).toEqual(snapshot(original));
      expect(stored.runs.get('pass')?.[0]?.output).toBe(stored.runs.get('big')?.[0]?.output);
      expect(stored.runs.get('text')?.[0]?.output).toBe('y'.repeat(size));
      const bytes = await stores().documentBytes('rt-large');
      expect(bytes).toBeLessThan(size);
    });

    it('writes large outputs again unchanged on later updates, and reads them back', async () => {
      const run = await runFixture(largeOutputs(10 * 1024), { id: 'rt-large-update' });
      const first = await stores().executions.insert(recordOf(run.execution));
      const second = await stores().executions.update(recordOf(run.execution, { updatedAt: T0 + 10 }), first.revision);
      const read = await stores().executions.get('rt-large-update');
      expect(read!.revision).toBe(second.revision);
      const third = await stores().executions.update(recordOf(read!.execution, { updatedAt: T0 + 20 }), read!.revision);
      expect(third.revision).toBe(3);
      expect(snapshot((await stores().executions.get('rt-large-update'))!.execution)).toEqual(snapshot(run.execution));
    });

    it('stores a snapshot: changing the live execution after a write changes nothing stored', async () => {
      const run = await runFixture(SUSPENDING, { id: 'rt-snapshot' });
      await stores().executions.insert(recordOf(run.execution));
      await run.advanceAndWake(5000);
      expect(run.execution.status).toBe('completed');
      expect((await stores().executions.get('rt-snapshot'))!.execution.status).toBe('suspended');
    });
  });

  describe('ExecutionStore: revisions and conflicts', () => {
    const stores = useStores(harness);

    it('raises StoreConflict(exists) when inserting a used id, and keeps the first', async () => {
      const run = await runFixture(CHAIN, { id: 'dup-1', input: { first: true } });
      await stores().executions.insert(recordOf(run.execution));
      const other = await runFixture(CHAIN, { id: 'dup-1', input: { first: false } });
      const error = await stores()
        .executions.insert(recordOf(other.execution))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflict);
      expect((error as StoreConflict).kind).toBe('exists');
      expect((await stores().executions.get('dup-1'))!.execution.input).toEqual({ first: true });
    });

    it('lets exactly one of concurrent inserts of one id win', async () => {
      const runs = await Promise.all([0, 1, 2, 3, 4].map((n) => runFixture(CHAIN, { id: 'dup-race', input: { n } })));
      const { values, errors } = await settle(runs.map((run) => stores().executions.insert(recordOf(run.execution))));
      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(4);
      for (const error of errors) expect(error).toMatchObject({ kind: 'exists' });
    });

    it('updates on the expected revision and increments it', async () => {
      const run = await runFixture(SUSPENDING, { id: 'rev-1' });
      const inserted = await stores().executions.insert(recordOf(run.execution));
      await run.advanceAndWake(5000);
      const updated = await stores().executions.update(recordOf(run.execution, { updatedAt: T0 + 5000 }), inserted.revision);
      expect(updated.revision).toBe(2);
      const record = await stores().executions.get('rev-1');
      expect(record).toMatchObject({ revision: 2, updatedAt: T0 + 5000 });
      expect(record!.execution.status).toBe('completed');
      expect(snapshot(record!.execution)).toEqual(snapshot(run.execution));
    });

    it('raises StoreConflict(revision) on a stale revision and leaves the stored record alone', async () => {
      const run = await runFixture(SUSPENDING, { id: 'rev-stale' });
      await stores().executions.insert(recordOf(run.execution));
      await stores().executions.update(recordOf(run.execution), 1);
      await run.advanceAndWake(5000);
      const error = await stores()
        .executions.update(recordOf(run.execution), 1)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflict);
      expect((error as StoreConflict).kind).toBe('revision');
      const record = await stores().executions.get('rev-stale');
      expect(record).toMatchObject({ revision: 2 });
      expect(record!.execution.status).toBe('suspended');
    });

    it('raises StoreConflict(revision) when updating an execution that does not exist', async () => {
      const run = await runFixture(CHAIN, { id: 'rev-missing' });
      await expect(stores().executions.update(recordOf(run.execution), 1)).rejects.toMatchObject({ kind: 'revision' });
      expect(await stores().executions.get('rev-missing')).toBeNull();
    });

    it('lets exactly one of N concurrent writers on the same revision win', async (context) => {
      needsAtomicWrites(context, stores());
      const writers = 8;
      const run = await runFixture(SUSPENDING, { id: 'rev-race' });
      await stores().executions.insert(recordOf(run.execution));
      const attempts = Array.from({ length: writers }, (_, n) =>
        stores().executions.update(recordOf(run.execution, { updatedAt: T0 + n, nextWakeAt: T0 + 1000 * n }), 1),
      );
      const { values, errors } = await settle(attempts);
      expect(values).toHaveLength(1);
      expect(errors).toHaveLength(writers - 1);
      for (const error of errors) {
        expect(error).toBeInstanceOf(StoreConflict);
        expect(error).toMatchObject({ kind: 'revision' });
      }
      const record = await stores().executions.get('rev-race');
      expect(record).toMatchObject({ revision: 2, updatedAt: values[0]!.updatedAt, nextWakeAt: values[0]!.nextWakeAt });
    });

    it('serialises a chain of concurrent writers that each retry on conflict', async (context) => {
      needsAtomicWrites(context, stores());
      const writers = 5;
      const run = await runFixture(SUSPENDING, { id: 'rev-retry' });
      await stores().executions.insert(recordOf(run.execution));
      const writer = async (): Promise<number> => {
        for (let tries = 0; ; tries++) {
          const current = await stores().executions.get('rev-retry');
          try {
            await stores().executions.update(recordOf(current!.execution, { updatedAt: current!.updatedAt + 1 }), current!.revision);
            return tries;
          } catch (error) {
            if (!(error instanceof StoreConflict) || tries > 50) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, () => writer()));
      const record = await stores().executions.get('rev-retry');
      expect(record).toMatchObject({ revision: 1 + writers, updatedAt: T0 + writers });
    });
  });
}
