import { describe, expect, it } from 'vitest';
import { Frontier, NodeSlots } from '../../../src/domain/node-table.js';

/** A tiny deterministic generator, so a failure replays. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Selection by the semantics: among ready members, the highest depth, ties to the smallest key. */
function bruteForce(frontier: Frontier, keys: readonly string[], ready: (slot: number) => boolean): number {
  let best = -1;
  for (const slot of frontier.memberSlots) {
    if (!ready(slot)) continue;
    const depth = frontier.depthAt(slot);
    if (best < 0 || depth > frontier.depthAt(best) || (depth === frontier.depthAt(best) && (keys[slot] as string) < (keys[best] as string))) best = slot;
  }
  return best;
}

describe('the frontier of a wide execution', () => {
  it('picks what a scan of every member picks, through random scheduling, rescheduling and removal', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = prng(seed);
      const keys = Array.from({ length: 300 }, (_, i) => `k${Math.floor(random() * 1000)}-${i}`);
      const frontier = new Frontier(new NodeSlots(keys));
      const blocked = new Set<number>();
      const ready = (slot: number): boolean => !blocked.has(slot);
      let picks = 0;
      for (let op = 0; op < 3000; op++) {
        const slot = Math.floor(random() * keys.length);
        const roll = random();
        if (roll < 0.45) frontier.setAt(slot, 1 + Math.floor(random() * 40));
        else if (roll < 0.7) frontier.deleteAt(slot);
        else if (roll < 0.8) {
          if (blocked.has(slot)) blocked.delete(slot);
          else blocked.add(slot);
        } else {
          const expected = bruteForce(frontier, keys, ready);
          const queue = frontier.queue;
          const got = queue === null ? expected : queue.first(ready);
          expect(got).toBe(expected);
          if (queue !== null) picks++;
        }
        expect(new Set(frontier.memberSlots).size).toBe(frontier.size);
        expect(frontier.memberSlots.every((s) => frontier.depthAt(s) > 0)).toBe(true);
      }
      expect(picks).toBeGreaterThan(100);
    }
  });

  it('keeps its members and depths after it grows wide', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `n${i}`);
    const frontier = new Frontier(new NodeSlots(keys));
    for (let slot = 0; slot < 100; slot++) frontier.setAt(slot, slot + 1);
    for (let slot = 0; slot < 100; slot += 2) frontier.deleteAt(slot);
    expect(frontier.queue).not.toBeNull();
    expect(new Map(frontier)).toEqual(new Map(keys.flatMap((key, slot) => (slot % 2 === 1 ? [[key, slot + 1]] : []))));
    expect(frontier.queue?.first(() => true)).toBe(99);
  });
});
