import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical-json.js';
import type { Json } from '../../../src/domain/json.js';
import { deepEqual, textForm } from '../../../src/expressions/index.js';

describe('textForm', () => {
  it.each([
    [null, ''],
    ['text', 'text'],
    [true, 'true'],
    [false, 'false'],
    [3, '3'],
    [2.5, '2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [-0, '0'],
    [[1, 'a', null], '[1,"a",null]'],
    [{ k: 'v' }, '{"k":"v"}'],
    [{ b: [{ d: 1, c: 2 }], a: 'x' }, '{"a":"x","b":[{"c":2,"d":1}]}'],
    [{ é: 1, z: 2, Z: 3 }, '{"Z":3,"z":2,"é":1}'],
    [['"\\\n'], '["\\"\\\\\\n"]'],
  ] as [Json, string][])('textForm(%j) is %j', (input, expected) => {
    expect(textForm(input)).toBe(expected);
  });

  it('writes arrays and objects exactly as the domain canonical JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const input = json as Json;
        if (typeof input !== 'object' || input === null) return;
        expect(textForm(input)).toBe(canonicalJson(input));
      }),
    );
  });
});

describe('deepEqual', () => {
  it('compares structurally, ignoring key order', () => {
    expect(deepEqual({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(0, -0)).toBe(true);
    expect(deepEqual('1', 1)).toBe(false);
    expect(deepEqual(null, false)).toBe(false);
  });

  it('agrees with canonical JSON equality', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(deepEqual(a as Json, b as Json)).toBe(canonicalJson(a as Json) === canonicalJson(b as Json));
        expect(deepEqual(a as Json, JSON.parse(JSON.stringify(a)) as Json)).toBe(true);
      }),
    );
  });
});
