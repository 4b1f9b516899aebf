import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical-json.js';
import { deepFreeze, isJsonObject, jsonTypeName, ownProperty, type JsonObject } from '../../../src/domain/json.js';

describe('json helpers', () => {
  it('tells objects from arrays and null', () => {
    expect([isJsonObject({}), isJsonObject([]), isJsonObject(null), isJsonObject('x')]).toEqual([true, false, false, false]);
  });

  it('names every JSON type', () => {
    expect([null, true, 1, 's', [], {}].map((v) => jsonTypeName(v))).toEqual(['null', 'boolean', 'number', 'string', 'array', 'object']);
    expect(jsonTypeName(undefined)).toBe('null');
  });

  it('reads own properties only', () => {
    const object = JSON.parse('{"a":1}') as JsonObject;
    expect(ownProperty(object, 'a')).toBe(1);
    expect(ownProperty(object, 'toString')).toBeUndefined();
    expect(ownProperty(object, '__proto__')).toBeUndefined();
  });

  it('deepFreeze freezes every level in place and returns the same value', () => {
    const value = { a: [{ b: 1 }], c: { d: 'x' } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a[0])).toBe(true);
    expect(Object.isFrozen(value.c)).toBe(true);
    expect(() => {
      (value.a as unknown as unknown[]).push(1);
    }).toThrow(TypeError);
    expect(deepFreeze(3)).toBe(3);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes compactly', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it('writes -0 as 0, non-finite numbers and undefined as null', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('gives equal values the same text whatever their key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });
});
