import { describe, expect, it } from 'vitest';
import { TimeIndex } from '../../../src/adapters/memory/time-index.js';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the time index of the memory store', () => {
  it('finds what a scan and sort of every row finds, through random moves and removals', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const random = prng(seed);
      const index = new TimeIndex();
      const truth = new Map<string, number>();
      for (let op = 0; op < 5000; op++) {
        const id = `r${Math.floor(random() * 400)}`;
        const roll = random();
        if (roll < 0.6) {
          const at = Math.floor(random() * 1000);
          index.set(id, at);
          truth.set(id, at);
        } else if (roll < 0.85) {
          index.set(id, null);
          truth.delete(id);
        } else {
          const until = Math.floor(random() * 1200);
          const limit = 1 + Math.floor(random() * 30);
          const refused = (candidate: string): boolean => candidate.endsWith('7');
          const expected = [...truth]
            .filter(([candidate, at]) => at <= until && !refused(candidate))
            .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : a > b ? 1 : 0))
            .slice(0, limit)
            .map(([candidate, at]) => ({ id: candidate, at }));
          expect(index.earliest(until, limit, (candidate) => !refused(candidate))).toEqual(expected);
        }
        expect(index.size).toBe(truth.size);
      }
    }
  });
});
