// Contract: ExecutionStore.list filters and stable paging, newest first.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionQuery } from '../../../src/app/ports/execution-store.js';
import type { ExecutionStatus } from '../../../src/domain/execution.js';
import { T0, bareExecution, recordOf } from './fixtures.js';
import { useStores, type StoreHarness, type StoresUnderTest } from './store-harness.js';

interface Seed {
  readonly id: string;
  readonly createdAt: number;
  readonly status: ExecutionStatus;
  readonly graph: 'a' | 'b';
  readonly labels: Record<string, string>;
  readonly parent?: string;
}

const STATUSES: readonly ExecutionStatus[] = ['running', 'suspended', 'completed', 'failed'];

/**
 * 30 executions: ids e00..e29; created_at steps back one second per three ids, so every created_at
 * is shared by three executions (ties broken by id); statuses, graphs and labels rotate.
 */
const SEEDS: readonly Seed[] = Array.from({ length: 30 }, (_, n) => ({
  id: `e${String(n).padStart(2, '0')}`,
  createdAt: T0 - Math.floor(n / 3) * 1000,
  status: STATUSES[n % 4] as ExecutionStatus,
  graph: n % 3 === 0 ? 'b' : 'a',
  labels: { 'team.name': n % 2 === 0 ? 'even' : 'odd', ...(n % 5 === 0 ? { 'tier.x': 'gold' } : {}) },
  ...(n >= 26 ? { parent: 'e00' } : {}),
}));

/** The reference order: created_at descending, then id descending. */
function newestFirst(seeds: readonly Seed[]): string[] {
  return [...seeds].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((s) => s.id);
}

/** Pages through a query `size` at a time with the `after` cursor; returns the ids in order. */
async function pageAll(stores: StoresUnderTest, query: Omit<ExecutionQuery, 'limit' | 'after' | 'namespace'>, size: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: ExecutionQuery['after'];
  for (;;) {
    const page = await stores.executions.list({ namespace: 'default', ...query, limit: size, ...(after === undefined ? {} : { after }) });
    if (page.length === 0) return pages;
    pages.push(page.map((s) => s.execution.id));
    const last = page[page.length - 1]!.execution;
    after = { createdAt: last.createdAt, id: last.id };
    if (pages.length > 100) throw new Error('paging does not end');
  }
}

/** The ExecutionStore.list contract. */
export function executionListingContract(harness: StoreHarness): void {
  describe('ExecutionStore: listing', () => {
    const stores = useStores(harness);

    beforeAll(async () => {
      // Inserted in a scrambled order, so that insertion order cannot pass for the listing order.
      const order = SEEDS.map((_, n) => (n * 7) % SEEDS.length);
      for (const n of order) {
        const seed = SEEDS[n] as Seed;
        const execution = bareExecution(seed.id, {
          createdAt: seed.createdAt,
          status: seed.status,
          labels: seed.labels,
          graph: seed.graph,
          ...(seed.parent === undefined ? {} : { parent: seed.parent }),
        });
        await stores().executions.insert(recordOf(execution));
      }
    });

    it('lists newest first, ties on created_at by id descending, with revisions', async () => {
      const page = await stores().executions.list({ namespace: 'default', limit: 100 });
      expect(page.map((s) => s.execution.id)).toEqual(newestFirst(SEEDS));
      expect(page.every((s) => s.revision === 1)).toBe(true);
      expect(page[0]!.execution).toMatchObject({ id: 'e02', createdAt: T0, input: { id: 'e02' } });
    });

    it('honours the limit', async () => {
      expect((await stores().executions.list({ namespace: 'default', limit: 4 })).map((s) => s.execution.id)).toEqual(newestFirst(SEEDS).slice(0, 4));
      expect(await stores().executions.list({ namespace: 'default', limit: 0 })).toEqual([]);
    });

    it('pages stably with the after cursor, across created_at ties, without gaps or repeats', async () => {
      for (const size of [1, 2, 4, 7]) {
        const pages = await pageAll(stores(), {}, size);
        expect(pages.flat()).toEqual(newestFirst(SEEDS));
        expect(pages.every((p) => p.length <= size)).toBe(true);
      }
    });

    it('filters by status (any of several)', async () => {
      const page = await stores().executions.list({ namespace: 'default', limit: 100, statuses: ['completed', 'failed'] });
      expect(page.map((s) => s.execution.id)).toEqual(newestFirst(SEEDS.filter((s) => s.status === 'completed' || s.status === 'failed')));
      expect(page.every((s) => s.execution.status === 'completed' || s.execution.status === 'failed')).toBe(true);
    });

    it('filters by graph id', async () => {
      const graphId = (await stores().executions.get('e03'))!.execution.graphId;
      const page = await stores().executions.list({ namespace: 'default', limit: 100, graphId });
      expect(page.map((s) => s.execution.id)).toEqual(newestFirst(SEEDS.filter((s) => s.graph === 'b')));
    });

    it('filters by labels whose keys contain dots; all given labels must match', async () => {
      const even = await stores().executions.list({ namespace: 'default', limit: 100, labels: { 'team.name': 'even' } });
      expect(even.map((s) => s.execution.id)).toEqual(newestFirst(SEEDS.filter((s) => s.labels['team.name'] === 'even')));
      const both = await stores().executions.list({ namespace: 'default', limit: 100, labels: { 'team.name': 'even', 'tier.x': 'gold' } });
      expect(both.map((s) => s.execution.id)).toEqual(['e00', 'e10', 'e20']);
      expect(both[0]!.execution.labels).toEqual({ 'team.name': 'even', 'tier.x': 'gold' });
      expect(await stores().executions.list({ namespace: 'default', limit: 100, labels: { 'team.name': 'purple' } })).toEqual([]);
      expect(await stores().executions.list({ namespace: 'default', limit: 100, labels: { team: 'even' } })).toEqual([]);
    });

    it('filters by created range: inclusive lower bound, exclusive upper bound', async () => {
      const page = await stores().executions.list({ namespace: 'default', limit: 100, createdAfter: T0 - 3000, createdBefore: T0 - 1000 });
      expect(page.map((s) => s.execution.id)).toEqual(newestFirst(SEEDS.filter((s) => s.createdAt >= T0 - 3000 && s.createdAt < T0 - 1000)));
      expect(page).toHaveLength(6);
    });

    it('filters by parent execution', async () => {
      const page = await stores().executions.list({ namespace: 'default', limit: 100, parentExecutionId: 'e00' });
      expect(page.map((s) => s.execution.id)).toEqual(['e26', 'e29', 'e28', 'e27']);
    });

    it('combines filters with the cursor', async () => {
      const query = { statuses: ['running', 'suspended'] as ExecutionStatus[], graphId: (await stores().executions.get('e01'))!.execution.graphId };
      const pages = await pageAll(stores(), query, 3);
      expect(pages.flat()).toEqual(newestFirst(SEEDS.filter((s) => (s.status === 'running' || s.status === 'suspended') && s.graph === 'a')));
    });
    it('keeps later pages stable when newer executions arrive between pages', async () => {
      const first = await stores().executions.list({ namespace: 'default', limit: 5, labels: { 'team.name': 'even' } });
      const last = first[first.length - 1]!.execution;
      await stores().executions.insert(recordOf(bareExecution('late-arrival', { createdAt: T0 + 60_000, labels: { 'team.name': 'even' } })));
      const rest = await pageAll(stores(), { labels: { 'team.name': 'even' }, createdBefore: T0 + 1 }, 5);
      const expected = newestFirst(SEEDS.filter((s) => s.labels['team.name'] === 'even'));
      expect(first.map((s) => s.execution.id)).toEqual(expected.slice(0, 5));
      const next = await stores().executions.list({
        namespace: 'default',
        limit: 100,
        labels: { 'team.name': 'even' },
        after: { createdAt: last.createdAt, id: last.id },
      });
      expect(next.map((s) => s.execution.id)).toEqual(expected.slice(5));
      expect(rest.flat()).toEqual(expected);
    });

    it('lists only the namespace asked for, with every filter, and reads by id only within it', async () => {
      for (const [n, id] of ['team-a/x1', 'team-a/x2', 'team-b/x1'].entries()) {
        await stores().executions.insert(recordOf(bareExecution(id, { createdAt: T0 + 10_000 + n, status: 'completed', labels: { 'team.name': 'even' } })));
      }
      const ids = async (query: Omit<ExecutionQuery, 'limit'>): Promise<string[]> =>
        (await stores().executions.list({ ...query, limit: 100 })).map((s) => s.execution.id);
      expect(await ids({ namespace: 'team-a' })).toEqual(['team-a/x2', 'team-a/x1']);
      expect(await ids({ namespace: 'team-b', statuses: ['completed'], labels: { 'team.name': 'even' } })).toEqual(['team-b/x1']);
      expect(await ids({ namespace: 'team-c' })).toEqual([]);
      expect((await ids({ namespace: 'default' })).filter((id) => id.includes('/'))).toEqual([]);
      expect(await stores().executions.get('team-a/x1', 'team-a')).not.toBeNull();
      expect(await stores().executions.get('team-a/x1', 'team-b')).toBeNull();
      expect(await stores().executions.get('team-a/x1', 'default')).toBeNull();
      expect(await stores().executions.get('e00', 'team-a')).toBeNull();
      expect(await stores().executions.get('e00', 'default')).not.toBeNull();
    });
  });
}
