import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/domain/json.js';
import { reason, value } from './fixtures.js';

const data: Json = {
  obj: { a: 1, 'with space': 2, '1': 'one', nested: { deep: [10, 20, { x: 'y' }] } },
  list: ['zero', 'one', 'two'],
  text: 'hello',
  num: 5,
  flag: true,
};
const context = { input: data };

describe('property access', () => {
  it.each([
    ['{{ $input.obj.a }}', 1],
    ['{{ $input.obj["a"] }}', 1],
    ['{{ $input.obj[:a] }}', 1],
    ["{{ $input.obj['with space'] }}", 2],
    ['{{ $input.obj["1"] }}', 'one'],
    ['{{ $input.obj.nested.deep[2].x }}', 'y'],
    ['{{ $input.obj.missing }}', null],
    ['{{ $input.obj.missing.deeper.still }}', null],
    ['{{ $input.list.length }}', null],
    ['{{ $input.list.first }}', null],
    ['{{ $input.text.length }}', null],
    ['{{ $input.num.toFixed }}', null],
    ['{{ $input.flag.valueOf }}', null],
    ['{{ $unknown.a }}', null],
    ['{{ $loop }}', null],
    ['{{ $self }}', null],
  ])('%j is %j', (template, expected) => {
    expect(value(template, context)).toEqual(expected);
  });
});

describe('index access', () => {
  it.each([
    ['{{ $input.list[0] }}', 'zero'],
    ['{{ $input.list[2] }}', 'two'],
    ['{{ $input.list[3] }}', null],
    ['{{ $input.list[-1] }}', null],
    ['{{ $input.list[1e300] }}', null],
    ['{{ $input.list[2.0] }}', 'two'],
    ['{{ $input.obj[1] }}', null],
    ['{{ $input.text[0] }}', null],
    ['{{ $input.list[$input.num] }}', null],
    ['{{ $input.list[$input.flag] }}', null],
    ['{{ $input.list[$input.missing] }}', null],
    ['{{ $input.obj[$input.list[0]] }}', null],
    ['{{ $input.list["0"] }}', null],
  ])('%j is %j', (template, expected) => {
    expect(value(template, context)).toEqual(expected);
  });

  it.each([
    ['{{ $input.list[1.5] }}', 'Invalid array index or map key: 1.5'],
    ['{{ $input.obj[$input.list] }}', 'Invalid array index or map key: ["zero","one","two"]'],
    ['{{ $input.obj[$input.obj.nested.deep[2]] }}', 'Invalid array index or map key: {"x":"y"}'],
    ['{{ $input.missing[0.5] }}', 'Invalid array index or map key: 0.5'],
  ])('%j fails with %j', (template, expected) => {
    expect(reason(template, context)).toBe(expected);
  });
});

describe('safety', () => {
  const hostile = JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "prototype": "p", "ok": 1}') as Json;

  it.each([
    '{{ $input.x.__proto__ }}',
    '{{ $input.x.constructor }}',
    '{{ $input.x.prototype }}',
    '{{ $input.x["__proto__"] }}',
    '{{ $input.x[:constructor] }}',
    '{{ $input.x.__proto__.polluted }}',
    '{{ $input.x.toString }}',
    '{{ $input.x.hasOwnProperty }}',
    '{{ $input.x.valueOf }}',
    '{{ $input.x.__defineGetter__ }}',
    '{{ $input.x.isPrototypeOf }}',
    '{{ $input.list.constructor }}',
    '{{ $input.list.map }}',
    '{{ $input.text.constructor }}',
    '{{ "s".constructor }}',
    '{{ [].constructor }}',
    '{{ $input.x.constructor.constructor }}',
    '{{ $input.x[$input.k] }}',
  ])('%j reads null', (template) => {
    expect(value(template, { input: { x: hostile, list: [1], text: 'abc', k: 'constructor' } })).toBeNull();
  });

  it('reads null for forbidden keys even when they are own properties', () => {
    expect(Object.prototype.hasOwnProperty.call(hostile, '__proto__')).toBe(true);
    expect(value('{{ $input.x.ok }}', { input: { x: hostile } })).toBe(1);
    expect(value('{{ $input.x.__proto__ }}', { input: { x: hostile } })).toBeNull();
  });

  it('never reads inherited members of class instances or functions', () => {
    class Secret {
      own = 'visible';
      get computed(): string {
        return 'getter';
      }
      method(): string {
        return 'called';
      }
    }
    const input = { s: new Secret(), f: Object.assign(() => 'x', { prop: 1 }) } as unknown as Json;
    expect(value('{{ $input.s.own }}', { input })).toBe('visible');
    expect(value('{{ $input.s.computed }}', { input })).toBeNull();
    expect(value('{{ $input.s.method }}', { input })).toBeNull();
    expect(value('{{ $input.f.prop }}', { input })).toBeNull();
    expect(value('{{ $input.f.name }}', { input })).toBeNull();
  });

  it('builds objects with data keys only, never changing a prototype', () => {
    const result = value('{{ $input.items | group_by("k") }}', { input: { items: [{ k: '__proto__' }] } }) as Record<string, Json>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('context roots', () => {
  it.each([
    ['{{ $now }}', '2025-01-31T12:00:00.000Z'],
    ['{{ $execution.attempt }}', 0],
    ['{{ $execution.loop.loop_role }}', 'not_in_loop'],
    ['{{ $workflow.version }}', 3],
    ['{{ $env.region }}', 'eu'],
    ['{{ $nodes.fetch.context }}', {}],
    ['{{ $nodes["fetch"].output.ok }}', true],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it('reads an absent root as null', () => {
    expect(value('{{ $input }}', {})).toBeNull();
    expect(value('{{ $now }}', {})).toBeNull();
    expect(value('{{ $vars.x }}', {})).toBeNull();
  });
});
