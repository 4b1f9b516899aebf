import { describe, expect, it } from 'vitest';
import { CreationOrder } from '../../../src/adapters/memory/creation-order.js';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the creation order of the memory store', () => {
  it('lists newest first within bounds, as sorting every row would, through random adds and removals', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const random = prng(seed);
      const order = new CreationOrder();
      const rows = new Map<string, { namespace: string; createdAt: number }>();
      for (let op = 0; op < 3000; op++) {
        const roll = random();
        if (roll < 0.55) {
          const id = `e${Math.floor(random() * 100_000)}`;
          if (rows.has(id)) continue;
          const row = { namespace: random() < 0.5 ? 'a' : 'b', createdAt: Math.floor(random() * 200) };
          rows.set(id, row);
          order.add(row.namespace, id, row.createdAt);
        } else if (roll < 0.75) {
          const ids = [...rows.keys()];
          const id = ids[Math.floor(random() * ids.length)];
          if (id === undefined) continue;
          const row = rows.get(id)!;
          rows.delete(id);
          order.remove(row.namespace, id, row.createdAt);
        } else {
          const namespace = random() < 0.5 ? 'a' : 'b';
          const sorted = [...rows]
            .filter(([, row]) => row.namespace === namespace)
            .sort(([a, x], [b, y]) => y.createdAt - x.createdAt || (a < b ? 1 : a > b ? -1 : 0));
          const pick = sorted[Math.floor(random() * Math.max(1, sorted.length))];
          const after = random() < 0.5 && pick !== undefined ? { createdAt: pick[1].createdAt, id: pick[0] } : undefined;
          const createdBefore = random() < 0.3 ? Math.floor(random() * 200) : undefined;
          const createdAfter = random() < 0.3 ? Math.floor(random() * 200) : undefined;
          const expected = sorted
            .filter(([id, row]) => after === undefined || row.createdAt < after.createdAt || (row.createdAt === after.createdAt && id < after.id))
            .filter(
              ([, row]) => (createdBefore === undefined || row.createdAt < createdBefore) && (createdAfter === undefined || row.createdAt >= createdAfter),
            )
            .map(([id]) => id);
          expect([...order.newestFirst(namespace, { after, createdBefore, createdAfter })]).toEqual(expected);
        }
      }
    }
  });
});
