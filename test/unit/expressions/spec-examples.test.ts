import { describe, expect, it } from 'vitest';
import type { Json } from '../../../src/domain/json.js';
import { compileParams, renderParams } from '../../../src/expressions/index.js';
import { C, run } from './fixtures.js';

type Expected = { value: Json } | { error: string } | { compile: string };

/** the expression language: every template row, with context C. */
const TEMPLATE_ROWS: readonly (readonly [number, string, Expected])[] = [
  [1, '{{ $input.main.name }}', { value: 'Ada Lovelace' }],
  [2, '{{ $input.main.age }}', { value: 36 }],
  [3, 'Age: {{ $input.main.age }}', { value: 'Age: 36' }],
  [4, '{{ $input.main.active }}', { value: true }],
  [5, '{{ $input.main.nested }}', { value: { k: 'v' } }],
  [6, 'n={{ $input.main.nested }}', { value: 'n={"k":"v"}' }],
  [7, '{{ $input.main.tags }}!', { value: '["math","poetry","math"]!' }],
  [8, '{{ $input.main.missing }}', { value: null }],
  [9, '[{{ $input.main.missing }}]', { value: '[]' }],
  [10, ' {{ $input.main.age }}', { value: ' 36' }],
  [11, '{{- $input.main.age -}}', { value: 36 }],
  [12, 'a {{- "b" -}} c', { value: 'abc' }],
  [13, '{# note #}{{ 1 }}', { value: '1' }],
  [14, '{{ 3.0 }}', { value: 3 }],
  [15, 'v{{ 3.0 }}', { value: 'v3' }],
  [16, '{{ 0.1 + 0.2 }}', { value: 0.30000000000000004 }],
  [17, "{{ '}}' }}", { value: '}}' }],
  [18, '{{ "{{" }}name}}', { value: '{{name}}' }],
  [19, '{{ $input.main.tags[1] }}', { value: 'poetry' }],
  [20, '{{ $input.main.tags[-1] }}', { value: null }],
  [21, '{{ $input.main.tags[9] }}', { value: null }],
  [22, '{{ $input.main["name"] }}', { value: 'Ada Lovelace' }],
  [23, '{{ $input.main[:age] }}', { value: 36 }],
  [24, '{% assign i = 2 %}{{ $input.main.tags[i] }}', { value: 'math' }],
  [25, '{{ $input.main.items[1].sku }}', { value: 'b' }],
  [26, '{{ $input.main.tags.length }}', { value: null }],
  [27, '{{ $input.main.name.first }}', { value: null }],
  [28, '{{ $input.main.constructor }}', { value: null }],
  [29, '{{ $input.main.__proto__ }}', { value: null }],
  [30, '{{ $input.main.tags[1.5] }}', { error: 'Invalid array index or map key: 1.5' }],
  [31, '{{ $nodes.fetch.output.id }}', { value: 42 }],
  [32, '{{ $nodes.unknown.output.id }}', { value: null }],
  [33, '{{ x }}', { value: null }],
  [34, '{{ ($input.main.items | last).qty }}', { value: 1 }],
  [35, '{{ first($input.main.items).sku }}', { value: 'a' }],
  [36, '{{ 1 + 2 * 3 }}', { value: 7 }],
  [37, '{{ (1 + 2) * 3 }}', { value: 9 }],
  [38, '{{ 10 / 4 }}', { value: 2.5 }],
  [39, '{{ 10 / 5 }}', { value: 2 }],
  [40, '{{ -7 % 3 }}', { value: -1 }],
  [41, '{{ 7.5 % 2 }}', { error: 'Modulo requires integers' }],
  [42, '{{ 1 / 0 }}', { error: 'Division by zero' }],
  [43, '{{ 5 % 0 }}', { error: 'Modulo by zero' }],
  [44, '{{ 2 - -3 }}', { value: 5 }],
  [45, '{{ -$input.main.age }}', { value: -36 }],
  [46, '{{ "a" + 1 }}', { value: 'a1' }],
  [47, '{{ null + "x" }}', { value: 'x' }],
  [48, '{{ $input.main.note + 1 }}', { error: 'Unsupported operation: null + number' }],
  [49, '{{ 1 + true }}', { error: 'Unsupported operation: number + boolean' }],
  [50, '{{ $vars.api_url + "/users/" + $nodes.fetch.output.id }}', { value: 'https://api.example.com/users/42' }],
  [51, '{{ "n=" + $input.main.nested }}', { value: 'n={"k":"v"}' }],
  [52, '{{ $execution.state.count + 1 }}', { value: 6 }],
  [53, '{{ ($execution.state.missing || 0) + 1 }}', { value: 1 }],
  [54, '{{ 1 < 2 == true }}', { value: true }],
  [55, '{{ $input.main.age >= 18 }}', { value: true }],
  [56, '{{ $input.main.missing >= 18 }}', { error: 'Cannot compare null with number' }],
  [57, '{{ "a" < 1 }}', { error: 'Cannot compare string with number' }],
  [58, '{{ "abc" < "abd" }}', { value: true }],
  [59, '{{ 1 == 1.0 }}', { value: true }],
  [60, '{{ "1" == 1 }}', { value: false }],
  [61, '{{ [1, 2] == [1, 2] }}', { value: true }],
  [62, '{{ $input.main.note == null }}', { value: true }],
  [63, '{{ nil == null }}', { value: true }],
  [64, '{{ 0 or "" }}', { value: false }],
  [65, '{{ "x" and 0 }}', { value: false }],
  [66, '{{ "x" and "y" }}', { value: true }],
  [67, '{{ true and $input.main.tags }}', { value: true }],
  [68, '{{ 0 || "fallback" }}', { value: 0 }],
  [69, '{{ $input.main.note || "fallback" }}', { value: 'fallback' }],
  [70, '{{ $input.main.empty && "y" }}', { value: 'y' }],
  [71, '{{ false && $input.main.missing.deep }}', { value: false }],
  [72, '{{ true or 1 / 0 }}', { value: true }],
  [73, '{{ not $input.main.zero }}', { value: true }],
  [74, '{{ !$input.main.active }}', { value: false }],
  [75, '{{ not 1 == 2 }}', { value: false }],
  [76, '{{ not $nodes.fetch.context }}', { value: true }],
  [77, '{{ $input.main.name | upper_case }}', { value: 'ADA LOVELACE' }],
  [78, '{{ upper_case($input.main.name) }}', { value: 'ADA LOVELACE' }],
  [79, '{{ $input.main.age | upper_case }}', { value: '36' }],
  [80, '{{ $env.region | upper_case }}', { value: 'EU' }],
  [81, '{{ "hello WORLD" | capitalize }}', { value: 'Hello world' }],
  [82, '{{ "  hi  " | strip }}', { value: 'hi' }],
  [83, '{{ "Hello, world" | truncate(8) }}', { value: 'Hello...' }],
  [84, '{{ "Hello, world" | truncate(7, "~") }}', { value: 'Hello,~' }],
  [85, '{{ "Hello" | truncate(2) }}', { value: '..' }],
  [86, '{{ "Hello" | truncate(10) }}', { value: 'Hello' }],
  [87, '{{ $input.main.note | default("n/a") }}', { value: 'n/a' }],
  [88, '{{ $input.main.zero | default(5) }}', { value: 0 }],
  [89, '{{ $input.main.empty | default("none") }}', { value: 'none' }],
  [90, '{{ $input.main.tags | length }}', { value: 3 }],
  [91, '{{ $input.main.name | length }}', { value: 12 }],
  [92, '{{ $input.main.note | length }}', { error: 'Filter error in length: length can only be applied to collections or strings' }],
  [93, '{{ $input.main.tags | uniq | join("-") }}', { value: 'math-poetry' }],
  [94, '{{ $input.main.tags | join }}', { value: 'math, poetry, math' }],
  [95, '{{ [3, 1, 2] | sort | reverse }}', { value: [3, 2, 1] }],
  [96, '{{ ["b", "a", "C"] | sort }}', { value: ['C', 'a', 'b'] }],
  [97, '{{ [1, "a"] | sort }}', { error: 'Filter error in sort: sort requires a list of numbers, a list of strings or a list of booleans' }],
  [98, '{{ $input.main.items | map("price") }}', { value: [10, 2.5] }],
  [99, '{{ $input.main.items | map("price") | sum }}', { value: 12.5 }],
  [100, '{{ $input.main.items | map("qty") | max }}', { value: 4 }],
  [101, '{{ $input.main.items | filter("sku", "b") | first }}', { value: { sku: 'b', price: 2.5, qty: 4 } }],
  [102, '{{ $input.main.items | reject("sku", "b") | map("sku") | join(",") }}', { value: 'a,c' }],
  [103, '{{ $input.main.items | group_by("qty") | keys }}', { value: ['1', '2', '4'] }],
  [104, '{{ $input.main | keys | first }}', { value: 'active' }],
  [105, '{{ $input.main.nested | values }}', { value: ['v'] }],
  [106, '{{ [1, [2, [3]]] | flatten }}', { value: [1, 2, 3] }],
  [107, '{{ [1, null, 2] | compact }}', { value: [1, 2] }],
  [108, '{{ "hello" | slice(1, 3) }}', { value: 'ell' }],
  [109, '{{ [1, 2, 3, 4] | slice(-2) }}', { value: [3, 4] }],
  [110, '{{ [1, 2, 3, 4] | slice(1) }}', { value: [2, 3, 4] }],
  [111, '{{ $input.main.tags | contains("poetry") }}', { value: true }],
  [112, '{{ "team" | contains("i") }}', { value: false }],
  [113, '{{ $input.main.nested | contains("k") }}', { value: true }],
  [114, '{{ $input.main.nested | dump }}', { value: '{"k":"v"}' }],
  [115, '{{ "hi" | dump }}', { value: '"hi"' }],
  [116, '{{ -3.7 | abs }}', { value: 3.7 }],
  [117, '{{ 3.2 | ceil }}', { value: 4 }],
  [118, '{{ -2.5 | floor }}', { value: -3 }],
  [119, '{{ 2.5 | round }}', { value: 3 }],
  [120, '{{ -2.5 | round }}', { value: -3 }],
  [121, '{{ 3.14159 | round(2) }}', { value: 3.14 }],
  [122, '{{ 1.005 | round(2) }}', { value: 1.01 }],
  [123, '{{ ($input.main.age / 7) | round(1) }}', { value: 5.1 }],
  [124, '{{ round($input.main.age / 7, 1) }}', { compile: 'template_syntax_error' }],
  [125, '{{ 5 | max(10) }}', { value: 10 }],
  [126, '{{ max(3, 7) }}', { value: 7 }],
  [127, '{{ [4, "x", 9] | max }}', { value: 9 }],
  [128, '{{ [] | max }}', { error: 'Filter error in max: max cannot be applied to empty list' }],
  [129, '{{ 2 | power(10) }}', { value: 1024 }],
  [130, '{{ 16 | sqrt }}', { value: 4 }],
  [131, '{{ -1 | sqrt }}', { error: 'Filter error in sqrt: sqrt cannot be applied to negative numbers' }],
  [132, '{{ 17 | mod(5) }}', { value: 2 }],
  [133, '{{ 17 | mod(0) }}', { error: 'Filter error in mod: mod by zero is undefined' }],
  [134, '{{ 15 | clamp(0, 10) }}', { value: 10 }],
  [135, '{{ 42.5 | format_currency }}', { value: '$42.50' }],
  [136, '{{ 42.5 | format_currency("EUR") }}', { value: '€42.50' }],
  [137, '{{ 42.5 | format_currency("GBP") }}', { value: '£42.50' }],
  [138, '{{ 1234567.891 | format_currency }}', { value: '$1,234,567.89' }],
  [139, '{{ -5 | format_currency }}', { value: '-$5.00' }],
  [140, '{{ 5 | format_currency("JPY") }}', { error: 'Filter error in format_currency: unsupported currency: JPY; supported: USD, EUR, GBP' }],
  [141, '{{ $input.main.tags | nope }}', { compile: 'unknown_filter' }],
  [142, '{{ $input.main.name | truncate }}', { compile: 'invalid_filter_arguments' }],
  [143, '{{ $input.main.tags | length > 2 }}', { compile: 'template_syntax_error' }],
  [144, '{{ ($input.main.tags | length) > 2 }}', { value: true }],
  [145, '{{ $input.main.name', { compile: 'template_syntax_error' }],
  [146, '{{ }}', { compile: 'template_syntax_error' }],
  [147, '{% if $input.main.age >= 18 %}adult{% else %}minor{% endif %}', { value: 'adult' }],
  [148, '{% if $input.main.zero %}z{% elsif $input.main.empty %}e{% else %}none{% endif %}', { value: 'none' }],
  [149, '{% if $input.main.tags %}has tags{% endif %}', { value: 'has tags' }],
  [
    150,
    '{% for t in $input.main.tags %}{{ forloop.index }}:{{ t }}{% if forloop.last %}.{% else %},{% endif %}{% endfor %}',
    { value: '0:math,1:poetry,2:math.' },
  ],
  [151, '{% for t in $input.main.tags %}{{ forloop.rindex }}{% endfor %}', { value: '210' }],
  [152, '{% for r in [[1, 2], [3]] %}{% for c in r %}{{ forloop.parentloop.index }}{{ c }} {% endfor %}{% endfor %}', { value: '01 02 13 ' }],
  [153, '{% for x in $input.main.nested %}{% endfor %}', { error: 'For loop iterable must be a list' }],
  [154, '{% for x in $input.main.note %}x{% endfor %}done', { value: 'done' }],
  [155, '{% assign total = $input.main.items | map("qty") | sum %}{{ total * 2 }}', { value: '14' }],
  [156, '{% for t in $input.main.tags %}{% assign last_tag = t %}{% endfor %}{{ last_tag }}/{{ t }}', { value: 'math/' }],
  [157, '{% if true %}x', { compile: 'template_syntax_error' }],
  [158, '{% endif %}', { compile: 'template_syntax_error' }],
  [159, '{{ $now }}', { value: '2025-01-31T12:00:00.000Z' }],
  [160, '{{ $execution.attempt }}', { value: 0 }],
  [161, '{{ $execution.loop.loop_role }}', { value: 'not_in_loop' }],
  [162, '{{ $workflow.version }}', { value: 3 }],
  [163, '{{ :name }}', { value: 'name' }],
  [164, '{{ $vars.limit * 2 }}', { value: 6 }],
];

describe('the expression language templates', () => {
  it('covers all 164 rows', () => {
    expect(TEMPLATE_ROWS).toHaveLength(164);
  });

  it.each(TEMPLATE_ROWS)('row %i: %s', (_n, template, expected) => {
    const outcome = run(template);
    if ('compile' in expected) {
      expect(outcome).toMatchObject({ compile: expected.compile });
    } else {
      expect(outcome).toEqual(expected);
    }
  });
});

/** A params object with one directive under `d`, rendered with context C. */
function renderDirective(directive: Json) {
  const { plan, diagnostics } = compileParams({ d: directive });
  return { diagnostics, result: renderParams(plan, C) };
}

/** the expression language: directive rows D1–D15 and the whole-params rows P1, P2. */
const DIRECTIVE_ROWS: readonly (readonly [string, Json, Json])[] = [
  [
    'D1',
    { '#map': ['{{ $input.main.items }}', { sku: '{{ $loop.item.sku }}', i: '{{ $loop.index }}' }] },
    [
      { sku: 'a', i: 0 },
      { sku: 'b', i: 1 },
      { sku: 'c', i: 2 },
    ],
  ],
  [
    'D2',
    { '#filter': ['{{ $input.main.items }}', '{{ $loop.item.qty > 1 }}'] },
    [
      { sku: 'a', price: 10, qty: 2 },
      { sku: 'b', price: 2.5, qty: 4 },
    ],
  ],
  ['D3', { '#if': ['{{ $input.main.active }}', 'on', 'off'] }, 'on'],
  ['D4', { '#if': ['{{ $input.main.zero }}', 'on'] }, null],
  ['D5', { '#merge': [{ a: 1 }, '{{ $input.main.nested }}', { a: 2 }] }, { a: 2, k: 'v' }],
  ['D6', { '#pick': ['{{ $input.main }}', ['name', 'age', 'nope']] }, { name: 'Ada Lovelace', age: 36 }],
  [
    'D7',
    {
      '#case': [
        '{{ $input.main.age }}',
        [
          [18, 'eighteen'],
          [36, 'thirty-six'],
        ],
        'other',
      ],
    },
    'thirty-six',
  ],
  [
    'D8',
    {
      '#cond': [
        [
          ['{{ $input.main.age < 18 }}', 'minor'],
          [true, 'adult'],
        ],
      ],
    },
    'adult',
  ],
  ['D9', { '#pipe': ['{{ $input.main.items }}', [{ '#filter': '{{ $loop.item.price != null }}' }, { '#map': '{{ $loop.item.sku }}' }]] }, ['a', 'b']],
  ['D10', { '#flat_map': ['{{ $input.main.items }}', '{{ [$loop.item.sku, $loop.index] }}'] }, ['a', 0, 'b', 1, 'c', 2]],
  [
    'D11',
    { '#map': [[1, 2], { '#map': [[10, 20], '{{ $loop.parentloop.item * $loop.item }}'] }] },
    [
      [10, 20],
      [20, 40],
    ],
  ],
  ['D12', { '#pipe': ['{{ $input.main.nested }}', [{ '#merge': { x: '{{ $self.k }}' } }]] }, { k: 'v', x: 'v' }],
];

describe('the expression language map directives and whole params', () => {
  it.each(DIRECTIVE_ROWS)('%s renders the expected value', (_id, directive, expected) => {
    const { diagnostics, result } = renderDirective(directive);
    expect(diagnostics).toEqual([]);
    expect(result).toEqual({ ok: true, value: { d: expected } });
  });

  it('D13 fails when #map gets an object', () => {
    const { diagnostics, result } = renderDirective({ '#map': ['{{ $input.main.nested }}', 'x'] });
    expect(diagnostics).toEqual([]);
    expect(result).toEqual({ ok: false, paramPath: 'params.d', reason: '#map expects an array, got object' });
  });

  it('D14 is a compile error: #if needs 2 or 3 elements', () => {
    const { diagnostics } = renderDirective({ '#if': ['{{ true }}'] });
    expect(diagnostics).toEqual([{ code: 'invalid_directive', severity: 'error', paramPath: 'params.d', message: '#if expects an array of 2 or 3 elements' }]);
  });

  it('D15 ignores extra keys next to a directive, with a warning', () => {
    const { diagnostics, result } = renderDirective({ '#map': ['{{ $input.main.tags }}', '{{ $loop.item }}'], other: 1 });
    expect(diagnostics).toEqual([{ code: 'directive_extra_keys', severity: 'warning', paramPath: 'params.d', message: 'keys ignored next to #map: other' }]);
    expect(result).toEqual({ ok: true, value: { d: ['math', 'poetry', 'math'] } });
  });

  it('P1 renders whole params with type preservation and literals', () => {
    const { plan, diagnostics } = compileParams({
      url: '{{ $vars.api_url }}/users/{{ $nodes.fetch.output.id }}',
      limit: '{{ $vars.limit }}',
      raw: '$input.main',
      list: ['{{ $input.main.age }}', 'x'],
    });
    expect(diagnostics).toEqual([]);
    expect(renderParams(plan, C)).toEqual({
      ok: true,
      value: { url: 'https://api.example.com/users/42', limit: 3, raw: '$input.main', list: [36, 'x'] },
    });
  });

  it('P2 reports the first failing param in definition order', () => {
    const { plan } = compileParams({ a: '{{ 1 / 0 }}', b: '{{ $input.main.note + 1 }}' });
    expect(renderParams(plan, C)).toEqual({ ok: false, paramPath: 'params.a', reason: 'Division by zero' });
  });
});
