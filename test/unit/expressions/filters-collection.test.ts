import { describe, expect, it } from 'vitest';
import type { ExpressionContext } from '../../../src/expressions/index.js';
import { reason, value } from './fixtures.js';

const records: ExpressionContext = {
  input: {
    objects: [{ k: 'a', v: 1 }, 5, { k: 'b', v: null }, { v: 3 }, { k: 'a', v: 4 }],
    keyed: [{ k: 1 }, { k: true }, { k: [1] }, { k: { z: 1 } }],
    ctor: [{ constructor: 1 }],
    arrays: [{ p: [1, 2] }, { p: [2] }],
    dup: [1, 1.0, '1', [1], [1], { a: 1 }, { a: 1 }, null, null],
  },
};

describe('collection filters', () => {
  it.each([
    ['{{ [1, 2, 3] | length }}', 3],
    ['{{ $input.main.nested | length }}', 1],
    ['{{ "héllo" | length }}', 5],
    ['{{ "😀a" | length }}', 2],
    ['{{ "" | length }}', 0],
    ['{{ [4, 5] | first }}', 4],
    ['{{ [4, 5] | last }}', 5],
    ['{{ [] | first }}', null],
    ['{{ [] | last }}', null],
    ['{{ "😀bc" | first }}', '😀'],
    ['{{ "ab😀" | last }}', '😀'],
    ['{{ "" | first }}', null],
    ['{{ [1, "a", null, true, [2], $input.main.nested] | join }}', '1, a, , true, [2], {"k":"v"}'],
    ['{{ [1, 2] | join("") }}', '12'],
    ['{{ [1, 2] | join(0) }}', '102'],
    ['{{ [1, 2] | join(nil) }}', '12'],
    ['{{ [] | join }}', ''],
    ['{{ [3, 1, 2, -1.5] | sort }}', [-1.5, 1, 2, 3]],
    ['{{ ["b", "a", "C"] | sort }}', ['C', 'a', 'b']],
    ['{{ ["\uffff", "😀", "a"] | sort }}', ['a', '\uffff', '😀']],
    ['{{ [true, false, true] | sort }}', [false, true, true]],
    ['{{ [] | sort }}', []],
    ['{{ [1, 2, 3] | reverse }}', [3, 2, 1]],
    ['{{ "a😀b" | reverse }}', 'b😀a'],
    ['{{ "hello" | slice(1, 3) }}', 'ell'],
    ['{{ "hello" | slice(-3) }}', 'llo'],
    ['{{ "hello" | slice(-10, 2) }}', 'he'],
    ['{{ "hello" | slice(5) }}', ''],
    ['{{ "hello" | slice(1, 0) }}', ''],
    ['{{ "😀😀😀" | slice(1, 1) }}', '😀'],
    ['{{ [1, 2, 3, 4] | slice(-2) }}', [3, 4]],
    ['{{ [1, 2, 3, 4] | slice(1) }}', [2, 3, 4]],
    ['{{ [1, 2, 3, 4] | slice(1, 2) }}', [2, 3]],
    ['{{ [1, 2, 3, 4] | slice(9) }}', []],
    ['{{ [1, 2, 3, 4] | slice(-9, 1) }}', [1]],
    ['{{ [1, [2], null] | contains([2]) }}', true],
    ['{{ [1, [2], null] | contains(null) }}', true],
    ['{{ [1] | contains("1") }}', false],
    ['{{ "team" | contains("i") }}', false],
    ['{{ "a1b" | contains(1) }}', true],
    ['{{ "abc" | contains(nil) }}', true],
    ['{{ $input.main.nested | contains("k") }}', true],
    ['{{ $input.main.nested | contains("v") }}', false],
    ['{{ $input.main.nested | contains(1) }}', false],
    ['{{ [1, null, 2, [null]] | compact }}', [1, 2, [null]]],
    ['{{ [1, [2, [3, [4, []]]], 5] | flatten }}', [1, 2, 3, 4, 5]],
    ['{{ [] | flatten }}', []],
    ['{{ [1, 2.5, -1] | sum }}', 2.5],
    ['{{ [] | sum }}', 0],
    ['{{ $input.main | keys }}', ['active', 'age', 'empty', 'items', 'name', 'nested', 'note', 'tags', 'zero']],
    ['{{ $input.main.nested | values }}', ['v']],
    ['{{ dump(null) }}', 'null'],
    ['{{ "hi" | dump }}', '"hi"'],
    ['{{ [1, "a"] | dump }}', '[1,"a"]'],
    ['{{ -0 | dump }}', '0'],
    ['{{ 2.50 | dump }}', '2.5'],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it('keeps the first occurrence of each value in uniq', () => {
    expect(value('{{ $input.dup | uniq }}', records)).toEqual([1, '1', [1], { a: 1 }, null]);
  });

  it('sorts object keys in keys, values and dump', () => {
    const context = { input: { o: { b: 2, a: 1, C: 3, é: 4 } } };
    expect(value('{{ $input.o | keys }}', context)).toEqual(['C', 'a', 'b', 'é']);
    expect(value('{{ $input.o | values }}', context)).toEqual([3, 1, 2, 4]);
    expect(value('{{ $input.o | dump }}', context)).toBe('{"C":3,"a":1,"b":2,"é":4}');
  });

  it.each([
    ['{{ 5 | length }}', 'length', 'length can only be applied to collections or strings'],
    ['{{ null | length }}', 'length', 'length can only be applied to collections or strings'],
    ['{{ 5 | first }}', 'first', 'first can only be applied to lists or strings'],
    ['{{ $input.main.nested | last }}', 'last', 'last can only be applied to lists or strings'],
    ['{{ "a" | join }}', 'join', 'join can only be applied to lists'],
    ['{{ "cba" | sort }}', 'sort', 'sort filter only supports lists'],
    ['{{ [1, "a"] | sort }}', 'sort', 'sort requires a list of numbers, a list of strings or a list of booleans'],
    ['{{ [null] | sort }}', 'sort', 'sort requires a list of numbers, a list of strings or a list of booleans'],
    ['{{ [[1], [2]] | sort }}', 'sort', 'sort requires a list of numbers, a list of strings or a list of booleans'],
    ['{{ 12 | reverse }}', 'reverse', 'reverse can only be applied to lists or strings'],
    ['{{ "aa" | uniq }}', 'uniq', 'uniq can only be applied to lists'],
    ['{{ 5 | slice(1) }}', 'slice', 'slice requires start index and optional length'],
    ['{{ [1] | slice(0.5) }}', 'slice', 'slice requires start index and optional length'],
    ['{{ [1] | slice("1") }}', 'slice', 'slice requires start index and optional length'],
    ['{{ [1] | slice(0, -1) }}', 'slice', 'slice requires start index and optional length'],
    ['{{ [1] | slice(0, nil) }}', 'slice', 'slice requires start index and optional length'],
    ['{{ 5 | contains(5) }}', 'contains', 'contains requires a value to search for'],
    ['{{ null | contains(5) }}', 'contains', 'contains requires a value to search for'],
    ['{{ $input.main.nested | compact }}', 'compact', 'compact can only be applied to lists'],
    ['{{ "a" | flatten }}', 'flatten', 'flatten can only be applied to lists'],
    ['{{ 5 | sum }}', 'sum', 'sum can only be applied to lists'],
    ['{{ [1, "2"] | sum }}', 'sum', 'sum filter requires all elements to be numeric'],
    ['{{ [1, null] | sum }}', 'sum', 'sum filter requires all elements to be numeric'],
    ['{{ [1] | keys }}', 'keys', 'keys can only be applied to maps'],
    ['{{ null | values }}', 'values', 'values can only be applied to maps'],
  ])('%j fails in %s', (template, name, message) => {
    expect(reason(template)).toBe(`Filter error in ${name}: ${message}`);
  });

  it('reports a non-finite sum', () => {
    expect(reason('{{ [1e308, 1e308] | sum }}')).toBe('Numeric result is not finite');
  });
});

describe('record filters', () => {
  it('groups object items by a field, keys sorted and items in list order', () => {
    expect(value('{{ $input.objects | group_by("k") }}', records)).toEqual({
      a: [
        { k: 'a', v: 1 },
        { k: 'a', v: 4 },
      ],
      b: [{ k: 'b', v: null }],
      null: [{ v: 3 }],
    });
    expect(value('{{ $input.keyed | group_by("k") | keys }}', records)).toEqual(['1', '[1]', 'true', '{"z":1}']);
    expect(value('{{ $input.main.items | group_by("qty") | keys }}')).toEqual(['1', '2', '4']);
  });

  it('maps a field, dropping nulls and non-objects', () => {
    expect(value('{{ $input.objects | map("v") }}', records)).toEqual([1, 3, 4]);
    expect(value('{{ $input.objects | map("k") }}', records)).toEqual(['a', 'b', 'a']);
    expect(value('{{ $input.ctor | map("constructor") }}', records)).toEqual([]);
  });

  it('filters and rejects by deep equality of a field', () => {
    expect(value('{{ $input.objects | filter("k", "a") }}', records)).toEqual([
      { k: 'a', v: 1 },
      { k: 'a', v: 4 },
    ]);
    expect(value('{{ $input.objects | filter("v", null) }}', records)).toEqual([{ k: 'b', v: null }]);
    expect(value('{{ $input.objects | reject("k", "a") }}', records)).toEqual([5, { k: 'b', v: null }, { v: 3 }]);
    expect(value('{{ $input.arrays | filter("p", [1, 2]) }}', records)).toEqual([{ p: [1, 2] }]);
  });

  it.each([
    ['{{ $input.main.nested | group_by("k") }}', 'group_by', 'group_by requires a key field'],
    ['{{ [1] | group_by(1) }}', 'group_by', 'group_by requires a key field'],
    ['{{ null | map("k") }}', 'map', 'map requires a field name'],
    ['{{ [1] | map(nil) }}', 'map', 'map requires a field name'],
    ['{{ "x" | filter("k", 1) }}', 'filter', 'filter requires field name and value'],
    ['{{ [1] | filter(2, 1) }}', 'filter', 'filter requires field name and value'],
    ['{{ 1 | reject("k", 1) }}', 'reject', 'reject requires field name and value'],
  ])('%j fails in %s', (template, name, message) => {
    expect(reason(template)).toBe(`Filter error in ${name}: ${message}`);
  });
});
