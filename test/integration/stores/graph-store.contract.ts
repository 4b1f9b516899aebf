// Contract: GraphStore save/load/existing.
import { describe, expect, it } from 'vitest';
import type { StoredGraph } from '../../../src/app/ports/graph-store.js';
import { COMPILER_VERSION } from '../../../src/compiler/index.js';
import { LOOP, ODD_KEYS, T0, fixtureGraph } from './fixtures.js';
import { useStores, type StoreHarness } from './store-harness.js';

function stored(definition: typeof LOOP, createdAt = T0): StoredGraph {
  const graph = fixtureGraph(definition);
  return { id: graph.id, compilerVersion: COMPILER_VERSION, definition: graph.definition, createdAt };
}

/** The GraphStore contract. */
export function graphStoreContract(harness: StoreHarness): void {
  describe('GraphStore', () => {
    const stores = useStores(harness);

    it('saves and loads a compiled graph definition, $ and dotted keys included', async () => {
      const graph = stored(ODD_KEYS);
      await stores().graphs.save(graph, 'default');
      expect(await stores().graphs.load(graph.id)).toEqual(graph);
    });

    it('treats saving an existing id as a no-op (ids are content hashes)', async () => {
      const graph = stored(LOOP);
      await stores().graphs.save(graph, 'default');
      await stores().graphs.save({ ...graph, createdAt: T0 + 1000, compilerVersion: 'other' }, 'default');
      await Promise.all([stores().graphs.save(graph, 'default'), stores().graphs.save(graph, 'default')]);
      expect(await stores().graphs.load(graph.id)).toEqual(graph);
    });

    it('returns null for an unknown id', async () => {
      expect(await stores().graphs.load('sha256:unknown')).toBeNull();
    });

    it('tells which of several ids exist', async () => {
      const a = stored(LOOP);
      const b = stored(ODD_KEYS);
      await stores().graphs.save(a, 'default');
      await stores().graphs.save(b, 'default');
      expect(await stores().graphs.existing([a.id, 'missing', b.id, a.id], 'default')).toEqual(new Set([a.id, b.id]));
      expect(await stores().graphs.existing([], 'default')).toEqual(new Set());
      expect(await stores().graphs.existing(['missing'], 'default')).toEqual(new Set());
    });

    it('registers a graph in each namespace that saves it, and tells existence per namespace', async () => {
      const a = stored({ ...LOOP, id: 'registered-a' });
      const b = stored({ ...ODD_KEYS, id: 'registered-b' });
      await stores().graphs.save(a, 'team-a');
      await stores().graphs.save(b, 'team-b');
      expect(await stores().graphs.existing([a.id, b.id], 'team-a')).toEqual(new Set([a.id]));
      expect(await stores().graphs.existing([a.id, b.id], 'team-b')).toEqual(new Set([b.id]));
      expect(await stores().graphs.existing([a.id, b.id], 'default')).toEqual(new Set());
      // Saving the same content in a second namespace registers it there; the stored graph stays one.
      await Promise.all([stores().graphs.save({ ...a, createdAt: T0 + 5 }, 'team-b'), stores().graphs.save(a, 'team-b')]);
      expect(await stores().graphs.existing([a.id, b.id], 'team-b')).toEqual(new Set([a.id, b.id]));
      expect(await stores().graphs.existing([a.id], 'team-a')).toEqual(new Set([a.id]));
      expect(await stores().graphs.load(a.id)).toEqual(a);
    });
  });
}
