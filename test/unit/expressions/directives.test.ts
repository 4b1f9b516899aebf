import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import { compileParams, renderParams, type ExpressionContext, type RenderLimits } from '../../../src/expressions/index.js';
import { C } from './fixtures.js';

function render(params: JsonObject, context: ExpressionContext = C, limits?: Partial<RenderLimits>) {
  const { plan, diagnostics } = compileParams(params);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return renderParams(plan, context, limits === undefined ? {} : { limits });
}

function renderValue(directive: Json, context: ExpressionContext = C): Json {
  const result = render({ d: directive }, context);
  if (!result.ok) throw new Error(`${result.paramPath}: ${result.reason}`);
  return result.value['d'] ?? null;
}

function diagnosticsOf(params: JsonObject) {
  return compileParams(params).diagnostics;
}

describe('map directives', () => {
  it('#map evaluates the item with $loop for each element; null is []', () => {
    expect(renderValue({ '#map': [[5, 6], { v: '{{ $loop.item }}', i: '{{ $loop.index }}', p: '{{ $loop.parentloop }}' }] })).toEqual([
      { v: 5, i: 0, p: null },
      { v: 6, i: 1, p: null },
    ]);
    expect(renderValue({ '#map': ['{{ null }}', 'x'] })).toEqual([]);
    expect(renderValue({ '#map': [[], 'x'] })).toEqual([]);
  });

  it('#flat_map splices arrays, drops null and appends other results', () => {
    expect(
      renderValue({
        '#flat_map': [
          [1, 2, 3, 4],
          {
            '#case': [
              '{{ $loop.item }}',
              [
                [1, [10, 11]],
                [2, null],
                [3, [[30]]],
              ],
              'x',
            ],
          },
        ],
      }),
    ).toEqual([10, 11, [30], 'x']);
  });

  it('#filter keeps elements whose condition is Liquid-truthy', () => {
    expect(renderValue({ '#filter': [[0, 1, '', 'a', [], [0], null, false, true], '{{ $loop.item }}'] })).toEqual([1, 'a', [0], true]);
    expect(renderValue({ '#filter': ['{{ $input.main.items }}', '{{ $loop.index != 1 }}'] })).toEqual([
      { sku: 'a', price: 10, qty: 2 },
      { sku: 'c', price: null, qty: 1 },
    ]);
  });

  it('#merge merges shallowly left to right, null counting as {}', () => {
    expect(renderValue({ '#merge': [{ a: 1, b: { x: 1 } }, null, '{{ null }}', { b: { y: 2 }, c: 3 }] })).toEqual({ a: 1, b: { y: 2 }, c: 3 });
    expect(renderValue({ '#merge': ['{{ $input.main.nested }}'] })).toEqual({ k: 'v' });
  });

  it('#if picks a branch lazily with Liquid truthiness', () => {
    expect(renderValue({ '#if': ['{{ [] }}', '{{ 1 / 0 }}', 'else'] })).toBe('else');
    expect(renderValue({ '#if': ['{{ "x" }}', 'then', '{{ 1 / 0 }}'] })).toBe('then');
    expect(renderValue({ '#if': [0, 'then'] })).toBeNull();
    expect(renderValue({ '#if': [{}, 'then', 'else'] })).toBe('else');
  });

  it('#case evaluates patterns in order and stops at the first match', () => {
    expect(
      renderValue({
        '#case': [
          [1, 2],
          [
            [[1, 2], 'pair'],
            ['{{ 1 / 0 }}', 'never'],
          ],
        ],
      }),
    ).toBe('pair');
    expect(renderValue({ '#case': ['x', [['y', 1]]] })).toBeNull();
    expect(renderValue({ '#case': [null, [[null, 'null matched']]] })).toBe('null matched');
  });

  it('#cond returns the first truthy condition result, else null', () => {
    expect(
      renderValue({
        '#cond': [
          [
            [0, 'zero'],
            ['', 'empty'],
            ['{{ $input.main.age }}', 'age'],
            ['{{ 1 / 0 }}', 'never'],
          ],
        ],
      }),
    ).toBe('age');
    expect(renderValue({ '#cond': [[[false, 'x']]] })).toBeNull();
    expect(renderValue({ '#cond': [[]] })).toBeNull();
  });

  it('#pick copies the listed own keys; null gives {}', () => {
    expect(renderValue({ '#pick': ['{{ $input.main }}', ['zero', 'note', 'toString', 'nope']] })).toEqual({ zero: 0, note: null });
    expect(renderValue({ '#pick': ['{{ null }}', ['a']] })).toEqual({});
  });

  it('#pipe passes the evaluated value through stages without rendering it again', () => {
    const context = { input: { data: [{ text: '{{ $env.secret }}' }, { text: 'plain' }] }, env: { secret: 'leaked' } };
    expect(renderValue({ '#pipe': ['{{ $input.data }}', [{ '#map': '{{ $loop.item }}' }, { '#map': '{{ $loop.item.text }}' }]] }, context)).toEqual([
      '{{ $env.secret }}',
      'plain',
    ]);
  });

  it('#pipe supports every stage kind with $self as the current value', () => {
    const stages: Json = [
      { '#filter': '{{ $loop.item > 1 }}' },
      { '#map': '{{ $loop.item * 10 }}' },
      { '#flat_map': '{{ [$loop.item, $self | length] }}' },
      { '#pipe': [{ '#map': '{{ $loop.item + 1 }}' }] },
      { '#if': { total: '{{ $self | sum }}' } },
      { '#merge': { count: '{{ $self.total / 10 }}' } },
      { '#pick': ['total', 'count'] },
      { '#case': [[{ total: 58, count: 5.8 }, 'matched']] },
    ];
    expect(renderValue({ '#pipe': [[1, 2, 3], stages] })).toBe('matched');
  });

  it('#pipe with no stages returns the initial value', () => {
    expect(renderValue({ '#pipe': ['{{ $input.main.age }}', []] })).toBe(36);
  });

  it('$loop.parentloop links nested directive loops', () => {
    expect(
      renderValue({ '#map': [['a'], { '#map': [[1], { '#map': [[true], '{{ $loop.parentloop.parentloop.item }}{{ $loop.parentloop.index }}'] }] }] }),
    ).toEqual([[['a0']]]);
  });

  it('$loop and $self exist only while a directive evaluates', () => {
    expect(render({ before: '{{ $loop }}', d: { '#map': [[1], '{{ $loop.item }}'] }, after: '{{ [$loop, $self] }}' })).toEqual({
      ok: true,
      value: { before: null, d: [1], after: [null, null] },
    });
  });

  it('treats keys starting with # that are not directives as ordinary keys', () => {
    expect(renderValue({ '#note': '{{ 1 }}', x: 2 })).toEqual({ '#note': 1, x: 2 });
  });

  it('applies the first directive key in precedence order', () => {
    const params = { d: { '#pipe': [1, []], '#if': [true, 'if wins'], '#map': [[1], 'map wins'] } };
    expect(render(params)).toEqual({ ok: true, value: { d: ['map wins'] } });
    expect(diagnosticsOf(params)).toEqual([
      { code: 'directive_extra_keys', severity: 'warning', paramPath: 'params.d', message: 'keys ignored next to #map: #pipe, #if' },
    ]);
  });

  it('evaluates directive arguments as template values: nested directives and arrays', () => {
    expect(renderValue({ '#if': [true, ['{{ 1 + 1 }}', { '#merge': [{ a: '{{ "b" }}' }] }]] })).toEqual([2, { a: 'b' }]);
  });
});

describe('directive run-time errors', () => {
  it.each([
    [{ '#map': ['{{ $input.main.nested }}', 'x'] }, '#map expects an array, got object'],
    [{ '#flat_map': ['text', 'x'] }, '#flat_map expects an array, got string'],
    [{ '#filter': [1, 'x'] }, '#filter expects an array, got number'],
    [{ '#merge': [{}, [1]] }, '#merge expects objects, got array'],
    [{ '#merge': ['{{ true }}'] }, '#merge expects objects, got boolean'],
    [{ '#pick': ['{{ $input.main.tags }}', ['a']] }, '#pick expects an object, got array'],
    [{ '#pipe': ['x', [{ '#map': 'y' }]] }, '#map expects an array, got string'],
  ] as [Json, string][])('%j fails with %j', (directive, reason) => {
    const result = render({ d: directive });
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('reports the path of the failing template inside a directive', () => {
    expect(render({ body: { '#map': [[1], { sku: '{{ 1 / 0 }}' }] } })).toEqual({
      ok: false,
      paramPath: 'params.body["#map"][1].sku',
      reason: 'Division by zero',
    });
    expect(render({ body: { '#map': ['{{ $input.main.nested }}', 'x'] } })).toEqual({
      ok: false,
      paramPath: 'params.body',
      reason: '#map expects an array, got object',
    });
  });

  it('reports the stage path for a failing #pipe stage', () => {
    expect(render({ p: { '#pipe': [1, [{ '#if': 'x' }, { '#map': 'y' }]] } })).toEqual({
      ok: false,
      paramPath: 'params.p["#pipe"][1][1]',
      reason: '#map expects an array, got string',
    });
    expect(render({ p: { '#pipe': [[1], [{ '#map': '{{ $loop.item / 0 }}' }]] } })).toEqual({
      ok: false,
      paramPath: 'params.p["#pipe"][1][0]["#map"]',
      reason: 'Division by zero',
    });
  });

  it('limits directive collections and shares the iteration budget with tags', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => i);
    expect(render({ d: { '#map': ['{{ $input.items }}', 1] } }, { input: { items } })).toMatchObject({
      ok: false,
      reason: 'Loop iteration count 10001 exceeds maximum 10000',
    });
    const hundred = Array.from({ length: 100 }, (_, i) => i);
    const nested = { '#map': ['{{ $input.items }}', { '#map': ['{{ $input.items }}', 1] }] };
    expect(render({ a: nested, b: nested }, { input: { items: hundred } }, { maxTotalIterations: 20_200 })).toMatchObject({ ok: true });
    expect(render({ a: nested, b: nested, c: '{% for x in [1] %}{% endfor %}' }, { input: { items: hundred } }, { maxTotalIterations: 20_200 })).toEqual({
      ok: false,
      paramPath: 'params.c',
      reason: 'Total loop iterations exceed maximum 20200',
    });
    expect(render({ a: nested, b: nested, c: nested }, { input: { items: hundred } })).toMatchObject({ ok: true });
    const thousand = Array.from({ length: 1000 }, (_, i) => i);
    expect(
      render({ a: { '#map': ['{{ $input.items }}', { '#filter': ['{{ $input.items }}', '{{ $loop.item < 100 }}'] }] } }, { input: { items: thousand } }),
    ).toEqual({
      ok: false,
      paramPath: 'params.a["#map"][1]',
      reason: 'Total loop iterations exceed maximum 100000',
    });
  });
});

describe('directive compile checks', () => {
  it.each([
    [{ '#map': 'x' }, '#map expects an array of 2 elements: [collection, item]'],
    [{ '#map': [1] }, '#map expects an array of 2 elements: [collection, item]'],
    [{ '#flat_map': [1, 2, 3] }, '#flat_map expects an array of 2 elements: [collection, item]'],
    [{ '#filter': {} }, '#filter expects an array of 2 elements: [collection, condition]'],
    [{ '#merge': [] }, '#merge expects an array of at least 1 element: [object, …]'],
    [{ '#if': ['{{ true }}'] }, '#if expects an array of 2 or 3 elements'],
    [{ '#if': [1, 2, 3, 4] }, '#if expects an array of 2 or 3 elements'],
    [{ '#case': [1] }, '#case expects an array of 2 or 3 elements: [value, [[pattern, result], …], default]'],
    [{ '#case': [1, [[1]]] }, '#case expects each clause to be an array of 2 elements: [pattern, result]'],
    [{ '#case': [1, '{{ [[1, 2]] }}'] }, '#case expects each clause to be an array of 2 elements: [pattern, result]'],
    [{ '#cond': [[true, 1]] }, '#cond expects each clause to be an array of 2 elements: [condition, result]'],
    [{ '#cond': [] }, '#cond expects an array of 1 element: [[[condition, result], …]]'],
    [{ '#pick': [{}, 'a'] }, '#pick expects its keys to be a literal array of strings'],
    [{ '#pick': [{}, [1]] }, '#pick expects its keys to be a literal array of strings'],
    [{ '#pick': [{}, ['{{ "a" }}']] }, undefined],
    [{ '#pipe': [1] }, '#pipe expects an array of 2 elements: [initial, [stage, …]]'],
    [{ '#pipe': [1, 'x'] }, '#pipe expects its stages to be an array of stage objects'],
  ] as [Json, string | undefined][])('%j: %s', (directive, message) => {
    const diagnostics = diagnosticsOf({ d: directive });
    if (message === undefined) {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(diagnostics).toEqual([{ code: 'invalid_directive', severity: 'error', paramPath: 'params.d', message }]);
  });

  it.each([
    [[{ '#cond': [] }], 'params.d["#pipe"][1][0]'],
    [[{ '#map': 'x', '#filter': 'y' }], 'params.d["#pipe"][1][0]'],
    [[{}], 'params.d["#pipe"][1][0]'],
    [['{{ x }}'], 'params.d["#pipe"][1][0]'],
    [[{ '#map': 'x' }, { '#nope': 1 }], 'params.d["#pipe"][1][1]'],
    [[{ '#case': 'x' }], 'params.d["#pipe"][1][0]'],
    [[{ '#pick': 'a' }], 'params.d["#pipe"][1][0]'],
    [[{ '#pipe': 'x' }], 'params.d["#pipe"][1][0]'],
    [[{ '#pipe': [{ '#map': 'x' }, 5] }], 'params.d["#pipe"][1][0]["#pipe"][1]'],
  ] as [Json, string][])('rejects the #pipe stages %j at %s', (stages, paramPath) => {
    const diagnostics = diagnosticsOf({ d: { '#pipe': [1, stages] } });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'invalid_directive', severity: 'error', paramPath });
  });

  it('checks nested directives and templates inside arguments', () => {
    expect(diagnosticsOf({ d: { '#map': [[1], { x: { '#if': [1] }, y: '{{ ) }}' }] } })).toEqual([
      { code: 'invalid_directive', severity: 'error', paramPath: 'params.d["#map"][1].x', message: '#if expects an array of 2 or 3 elements' },
      expect.objectContaining({ code: 'template_syntax_error', paramPath: 'params.d["#map"][1].y' }),
    ]);
  });

  it('warns about extra keys and still compiles the directive', () => {
    expect(diagnosticsOf({ d: { note: 'x', '#if': [1] } })).toEqual([
      { code: 'directive_extra_keys', severity: 'warning', paramPath: 'params.d', message: 'keys ignored next to #if: note' },
      { code: 'invalid_directive', severity: 'error', paramPath: 'params.d', message: '#if expects an array of 2 or 3 elements' },
    ]);
  });

  it('never treats the params object itself as a directive', () => {
    const { plan, diagnostics } = compileParams({ '#map': [[1], 'x'] });
    expect(diagnostics).toEqual([]);
    expect(plan.isConstant).toBe(true);
    expect(renderParams(plan, C)).toEqual({ ok: true, value: { '#map': [[1], 'x'] } });
  });
});
