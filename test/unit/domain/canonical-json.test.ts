import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical-json.js';
import type { Json } from '../../../src/domain/json.js';

/** The definition: keys sorted by code unit at every depth, compact, -0 as 0, non-finite as null. */
function reference(value: Json | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value).replace(/^(\d+)e\+?(\d+)$/, '$1e+$2') : 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => reference(v)).join(',')}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = keys
    .filter((k) => (value as Record<string, Json | undefined>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, Json>)[k])}`);
  return `{${parts.join(',')}}`;
}

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const KEYS = ['a', 'b', 'B', 'aa', '10', '9', '0', 'é', '__proto__', 'z', 'key', 'name', ''];

function randomValue(random: () => number, depth: number): Json {
  const roll = random();
  if (depth > 4 || roll < 0.3) {
    const leaves: Json[] = [null, true, false, 0, -0, 1.5, -7, 1e21, Number.NaN as unknown as Json, 'x', 'quote"\n', ''];
    return leaves[Math.floor(random() * leaves.length)] as Json;
  }
  if (roll < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const object: Record<string, Json> = {};
  const sorted = random() < 0.5;
  const keys = KEYS.filter(() => random() < 0.4);
  if (sorted) keys.sort();
  for (const key of keys) Object.defineProperty(object, key, { value: randomValue(random, depth + 1), enumerable: true, writable: true, configurable: true });
  return object;
}

describe('canonical JSON', () => {
  it('is the same text whether the keys arrive sorted or not, at any depth', () => {
    const random = prng(7);
    for (let i = 0; i < 1000; i++) {
      const value = randomValue(random, 0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('sorts by code unit, numeric-looking keys included', () => {
    expect(canonicalJson({ 9: 1, 10: 2, b: { d: 1, c: [{ y: 1, x: 2 }] }, a: -0 } as never)).toBe('{"10":2,"9":1,"a":0,"b":{"c":[{"x":2,"y":1}],"d":1}}');
    expect(canonicalJson({ a: { b: { c: 1 } }, z: undefined } as never)).toBe('{"a":{"b":{"c":1}}}');
  });
});
