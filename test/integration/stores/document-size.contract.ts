// Contract: the document size limit, the minimal write, and measured sizes of a 100-node chain.
import { describe, expect, it } from 'vitest';
import { DocumentTooLarge, StoreConflict } from '../../../src/app/ports/execution-store.js';
import { T0, chainOf, largeOutputs, largeState, recordOf, runFixture, snapshot } from './fixtures.js';
import { useStores, type StoreHarness } from './store-harness.js';

const KIB = 1024;

/** The size contract of ExecutionStore. */
export function documentSizeContract(harness: StoreHarness): void {
  describe('ExecutionStore: document size limit', () => {
    const stores = useStores(harness, { maxDocumentBytes: 64 * KIB, inlineOutputBytes: 16 * KIB });

    it('refuses to insert a document over the limit with DocumentTooLarge, writing nothing', async () => {
      const run = await runFixture(largeState(100 * KIB), { id: 'size-insert' });
      const error = await stores()
        .executions.insert(recordOf(run.execution))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentTooLarge);
      expect((error as DocumentTooLarge).limit).toBe(64 * KIB);
      expect((error as DocumentTooLarge).bytes).toBeGreaterThan(100 * KIB);
      expect(await stores().executions.get('size-insert')).toBeNull();
    });

    it('refuses an oversized update, then records the failure with a minimal write on the same revision', async () => {
      const run = await runFixture(largeState(100 * KIB), { id: 'size-update', input: { keep: 'me' }, labels: { 'team.name': 'core' } });
      const small = await runFixture(largeState(10), { id: 'size-update', input: { keep: 'me' }, labels: { 'team.name': 'core' } });
      const inserted = await stores().executions.insert(recordOf(small.execution));
      const error = await stores()
        .executions.update(recordOf(run.execution), inserted.revision)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentTooLarge);
      expect((await stores().executions.get('size-update'))!.revision).toBe(inserted.revision);

      const tooLarge = error as DocumentTooLarge;
      await run.apply({
        kind: 'abort',
        now: run.clock,
        error: { type: 'execution_too_large', message: tooLarge.message, bytes: tooLarge.bytes, limit: tooLarge.limit },
      });
      expect(run.execution.status).toBe('failed');
      const written = await stores().executions.update(recordOf(run.execution, { updatedAt: T0 + 1 }), inserted.revision, { minimal: true });
      expect(written.revision).toBe(inserted.revision + 1);

      const stored = (await stores().executions.get('size-update'))!;
      expect(stored.revision).toBe(inserted.revision + 1);
      expect(stored.execution).toMatchObject({
        id: 'size-update',
        status: 'failed',
        seq: run.execution.seq,
        graphId: run.execution.graphId,
        input: { keep: 'me' },
        labels: { 'team.name': 'core' },
        engineError: { type: 'execution_too_large', bytes: tooLarge.bytes, limit: 64 * KIB },
        state: {},
      });
      expect(stored.execution.runs.size).toBe(0);
      expect(snapshot(written.execution)).toEqual(snapshot(stored.execution));
    });

    it('still checks the revision on a minimal write', async () => {
      const run = await runFixture(largeState(10), { id: 'size-minimal-conflict' });
      await stores().executions.insert(recordOf(run.execution));
      await expect(stores().executions.update(recordOf(run.execution), 5, { minimal: true })).rejects.toBeInstanceOf(StoreConflict);
    });

    it('drops the input too when the minimal document would not fit with it', async () => {
      const big = { blob: 'z'.repeat(80 * KIB) };
      const small = await runFixture(largeState(10), { id: 'size-minimal-input' });
      await stores().executions.insert(recordOf(small.execution));
      const run = await runFixture(largeState(10), { id: 'size-minimal-input', input: big });
      const written = await stores().executions.update(recordOf(run.execution), 1, { minimal: true });
      expect(written.execution.input).toBeNull();
      expect((await stores().executions.get('size-minimal-input'))!.execution.input).toBeNull();
    });

    it('does not count outputs stored outside the document against the limit', async () => {
      const run = await runFixture(largeOutputs(40 * KIB), { id: 'size-outside' });
      await stores().executions.insert(recordOf(run.execution));
      const stored = (await stores().executions.get('size-outside'))!;
      expect(snapshot(stored.execution)).toEqual(snapshot(run.execution));
      expect(await stores().documentBytes('size-outside')).toBeLessThan(16 * KIB);
    });

    it('refuses a single output larger than the limit', async () => {
      const run = await runFixture(largeOutputs(70 * KIB), { id: 'size-huge-output' });
      await expect(stores().executions.insert(recordOf(run.execution))).rejects.toBeInstanceOf(DocumentTooLarge);
      expect(await stores().executions.get('size-huge-output')).toBeNull();
    });
  });

  describe('ExecutionStore: measured document sizes', () => {
    const stores = useStores(harness);

    for (const kind of ['set_data', 'pass_through', 'expression'] as const) {
      it(`stores a completed 100-node ${kind} chain in a bounded document`, async () => {
        const run = await runFixture(chainOf(100, kind), { id: `chain-${kind}`, input: { step: 0 } });
        expect(run.execution.status).toBe('completed');
        expect(run.execution.runs.size).toBe(101);
        await stores().executions.insert(recordOf(run.execution));
        const bytes = (await stores().documentBytes(`chain-${kind}`)) as number;
        console.log(`[store size] ${harness.name}: completed 100-node ${kind} chain (101 runs) stored in ${bytes} bytes`);
        expect(snapshot((await stores().executions.get(`chain-${kind}`))!.execution)).toEqual(snapshot(run.execution));
        // the product description: the stored execution document of the 100-node chain is at most 10 KB.
        if (kind !== 'expression') expect(bytes).toBeLessThanOrEqual(10 * KIB);
      });
    }
  });
}
