import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import { compileParams, evaluateTemplate, isTemplate, parseTemplate, renderParams } from '../../../src/expressions/index.js';
import { C } from './fixtures.js';

/** Fragments that make generated strings likely to hit every parser path. */
const FRAGMENTS = [
  '{{',
  '}}',
  '{%',
  '%}',
  '{#',
  '#}',
  '{{-',
  '-}}',
  '{%-',
  '-%}',
  ' ',
  '\n',
  '"',
  "'",
  '\\',
  '\\u',
  'D83D',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  ':',
  '$',
  '|',
  '-',
  '+',
  '*',
  '/',
  '%',
  '!',
  '=',
  '==',
  '!=',
  '<',
  '>=',
  '&&',
  '||',
  'and',
  'or',
  'not',
  'if',
  'elsif',
  'else',
  'endif',
  'for',
  'in',
  'endfor',
  'assign',
  'x',
  '$input',
  'main',
  'true',
  'nil',
  '0',
  '07',
  '1.5',
  '1e3',
  '.5',
  'upper_case',
  'round',
  'truncate',
  'nope',
  '😀',
  'é',
];

const templateLike = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

describe('parser properties', () => {
  it('never throws on arbitrary input; returns a template or a diagnostic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), templateLike), (source) => {
        const result = parseTemplate(source);
        if (result.ok) {
          expect(result.template.kind).toBe('template');
          const evaluated = evaluateTemplate(result.template, C);
          expect(typeof evaluated.ok).toBe('boolean');
        } else {
          expect(result.diagnostic.severity).toBe('error');
          expect(result.diagnostic.message.length).toBeGreaterThan(0);
          if (result.diagnostic.code === 'template_syntax_error') {
            expect(result.diagnostic.line).toBeGreaterThanOrEqual(1);
            expect(result.diagnostic.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws when compiling arbitrary JSON params', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (params) => {
        const { plan } = compileParams(params as JsonObject);
        const result = renderParams(plan, C);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('template-free strings', () => {
  it('render unchanged, in params and as templates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        fc.pre(!isTemplate(text));
        const { plan, diagnostics } = compileParams({ a: text, b: [text], c: { d: text } });
        expect(diagnostics).toEqual([]);
        expect(plan.isConstant).toBe(true);
        expect(renderParams(plan, C)).toEqual({ ok: true, value: { a: text, b: [text], c: { d: text } } });
        const parsed = parseTemplate(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(evaluateTemplate(parsed.template, C)).toEqual({ ok: true, value: text });
      }),
    );
  });

  it('detects templates exactly by their markers', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(isTemplate(text)).toBe(text.includes('{{') || text.includes('{%') || text.includes('{#'));
      }),
    );
  });
});

describe('prototype access', () => {
  const FORBIDDEN = [
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    'propertyIsEnumerable',
    '__defineGetter__',
    '__lookupGetter__',
    'toLocaleString',
    'length',
    'map',
    'push',
    'call',
    'apply',
    'bind',
    'name',
  ];
  /** A value with no own properties of the forbidden names except the hostile ones JSON can create. */
  const hostile = JSON.parse('{"__proto__": {"x": 1}, "constructor": {"x": 2}, "prototype": {"x": 3}}') as Json;
  const targets = ['$input.o', '$input.a', '$input.s', '$input.n', '$input.h', '$input.f', '"str"', '[1, 2]', '$nodes', '$input'];
  const context = { input: { o: { plain: 1 }, a: [1, 2], s: 'text', n: 5, h: hostile, f: false }, nodes: {} };

  const access = fc
    .tuple(
      fc.constantFrom(...targets),
      fc.constantFrom(...FORBIDDEN),
      fc.constantFrom('dot', 'double', 'single', 'atom'),
      fc.array(fc.constantFrom(...FORBIDDEN, 'x'), { maxLength: 3 }),
    )
    .map(([target, name, form, tail]) => {
      const step = form === 'dot' ? `.${name}` : form === 'double' ? `["${name}"]` : form === 'single' ? `['${name}']` : `[:${name}]`;
      return `{{ ${target}${step}${tail.map((key) => `.${key}`).join('')} }}`;
    });

  it('always reads null through dot, bracket and atom access', () => {
    fc.assert(
      fc.property(access, (template) => {
        const parsed = parseTemplate(template);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(evaluateTemplate(parsed.template, context)).toEqual({ ok: true, value: null });
      }),
      { numRuns: 1000 },
    );
  });

  it('reads null through computed keys and filters that read fields', () => {
    fc.assert(
      fc.property(fc.constantFrom('__proto__', 'constructor', 'prototype'), (key) => {
        const withKey = { input: { ...context.input, k: key, list: [hostile] }, nodes: {} };
        for (const template of ['{{ $input.h[$input.k] }}', '{{ $input.list | map($input.k) | first }}']) {
          const parsed = parseTemplate(template);
          if (!parsed.ok) throw new Error(parsed.diagnostic.message);
          expect(evaluateTemplate(parsed.template, withKey)).toEqual({ ok: true, value: null });
        }
      }),
    );
  });

  it('cannot call host functions by name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORBIDDEN.filter((name) => name !== 'length' && name !== 'map'), 'eval', 'Function', 'require', 'process', 'globalThis', 'fetch'),
        (name) => {
          const parsed = parseTemplate(`{{ ${name}(1) }}{{ 1 | ${name} }}`);
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.diagnostic.code).toBe('unknown_filter');
        },
      ),
    );
  });
});
