import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import { compileParams, DEFAULT_COMPILE_LIMITS, DEFAULT_RENDER_LIMITS, renderParams } from '../../../src/expressions/index.js';
import { C } from './fixtures.js';

describe('compileParams', () => {
  it('returns a constant plan whose constant is the deep-frozen params object itself', () => {
    const params = { a: 1, b: 'text $input.main', c: [{ d: 'x' }], e: '{ not a template }' };
    const { plan, diagnostics } = compileParams(params);
    expect(diagnostics).toEqual([]);
    expect(plan.isConstant).toBe(true);
    expect(plan.constant).toBe(params);
    expect(Object.isFrozen(params)).toBe(true);
    expect(Object.isFrozen(params.c[0])).toBe(true);
    expect(plan.roots.size).toBe(0);
    expect(plan.templatedKeys.size).toBe(0);
    expect(renderParams(plan, C)).toEqual({ ok: true, value: params });
    const rendered = renderParams(plan, C);
    expect(rendered.ok && rendered.value).toBe(params);
  });

  it('lists the roots read and the top-level keys containing templates or directives', () => {
    const { plan } = compileParams({
      a: 'x',
      b: { c: ['{{ $input.x + $vars.y }}'] },
      d: { '#map': ['{{ $nodes.n.output }}', '{{ $loop.item }}'] },
      e: '{% if $now %}{{ $env.k }}{% endif %}{{ $self }}{{ $unknown }}',
      f: '{# only a comment #}',
      g: [1, 2],
    });
    expect(plan.isConstant).toBe(false);
    expect(plan.constant).toBeNull();
    expect([...plan.roots].sort()).toEqual(['env', 'input', 'nodes', 'now', 'vars']);
    expect([...plan.templatedKeys]).toEqual(['b', 'd', 'e', 'f']);
    const all = compileParams({ a: '{{ [$workflow, $execution] }}' }).plan;
    expect([...all.roots].sort()).toEqual(['execution', 'workflow']);
  });

  it('keeps raw keys as literal values, never parsed', () => {
    const { plan, diagnostics } = compileParams({ code: 'return "{{ not parsed }}" + {% %}', x: '{{ 1 }}' }, { raw: new Set(['code']) });
    expect(diagnostics).toEqual([]);
    expect([...plan.templatedKeys]).toEqual(['x']);
    expect(renderParams(plan, C)).toEqual({ ok: true, value: { code: 'return "{{ not parsed }}" + {% %}', x: 1 } });
  });

  it('reports diagnostics at param paths in definition order', () => {
    const { diagnostics } = compileParams({
      headers: { 'X-Api-Key': '{{ $vars.key | nope }}', Authorization: '{{ ) }}' },
      list: ['ok', '{{ x | truncate }}'],
      body: { '#map': [[1], { sku: '{% if %}' }], extra: 1 },
      big: `{{ "${'x'.repeat(100_000)}" }}`,
    });
    expect(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.paramPath])).toEqual([
      ['unknown_filter', 'params.headers["X-Api-Key"]'],
      ['template_syntax_error', 'params.headers.Authorization'],
      ['invalid_filter_arguments', 'params.list[1]'],
      ['directive_extra_keys', 'params.body'],
      ['template_syntax_error', 'params.body["#map"][1].sku'],
      ['template_too_large', 'params.big'],
    ]);
    expect(diagnostics[1]).toEqual({
      code: 'template_syntax_error',
      severity: 'error',
      paramPath: 'params.headers.Authorization',
      message: 'Template syntax error at line 1, column 4: unexpected ")"',
      line: 1,
      column: 4,
    });
    expect(diagnostics[5]).toEqual({
      code: 'template_too_large',
      severity: 'error',
      paramPath: 'params.big',
      message: 'Template is 100008 bytes; the maximum is 100000',
    });
  });

  it('measures template size in UTF-8 bytes and honours configured limits', () => {
    const exact = `{{ "${'x'.repeat(99_992)}" }}`;
    expect(compileParams({ a: exact }).diagnostics).toEqual([]);
    const wide = `{{ "${'é'.repeat(50_000)}" }}`;
    expect(compileParams({ a: wide }).diagnostics[0]).toMatchObject({ code: 'template_too_large', message: 'Template is 100008 bytes; the maximum is 100000' });
    expect(compileParams({ a: '{{ 1 }}' }, { limits: { maxTemplateBytes: 5 } }).diagnostics[0]).toMatchObject({
      message: 'Template is 7 bytes; the maximum is 5',
    });
    expect(DEFAULT_COMPILE_LIMITS).toEqual({ maxTemplateBytes: 100_000, maxDepth: 64 });
    expect(DEFAULT_RENDER_LIMITS).toEqual({ maxCollectionItems: 10_000, maxTotalIterations: 100_000, maxStringBytes: 1_048_576, maxRenderedBytes: 4_194_304 });
  });

  it('uses the given path root', () => {
    const { diagnostics } = compileParams({ a: '{{ ) }}' }, { root: 'settings' });
    expect(diagnostics[0]?.paramPath).toBe('settings.a');
    const { plan } = compileParams({ a: '{{ 1 / 0 }}' }, { root: 'x' });
    expect(renderParams(plan, C)).toMatchObject({ ok: false, paramPath: 'x.a' });
  });

  it('renders a template that did not compile as an error rather than literal text', () => {
    const { plan } = compileParams({ a: '{{ ) }}' });
    expect(renderParams(plan, C)).toEqual({
      ok: false,
      paramPath: 'params.a',
      reason: 'Template syntax error at line 1, column 4: unexpected ")"',
    });
  });
});

describe('renderParams', () => {
  it('renders templates at any depth and keeps constants', () => {
    const params: JsonObject = {
      url: '{{ $vars.api_url }}/users/{{ $nodes.fetch.output.id }}',
      nested: { list: [1, '{{ $input.main.age }}', { deep: '{{ $input.main.tags | first }}' }], constant: { a: [1] } },
      n: null,
      t: true,
    };
    const { plan } = compileParams(params);
    const result = renderParams(plan, C);
    expect(result).toEqual({
      ok: true,
      value: {
        url: 'https://api.example.com/users/42',
        nested: { list: [1, 36, { deep: 'math' }], constant: { a: [1] } },
        n: null,
        t: true,
      },
    });
    if (!result.ok) return;
    const nested = result.value['nested'] as JsonObject;
    expect(nested).not.toBe(params['nested']);
    expect(nested['constant']).toBe((params['nested'] as JsonObject)['constant']);
    expect(Object.isFrozen(nested['constant'])).toBe(true);
    expect(Object.isFrozen(nested)).toBe(false);
  });

  it('returns fresh objects on every render', () => {
    const { plan } = compileParams({ a: { b: '{{ 1 }}' } });
    const first = renderParams(plan, C);
    const second = renderParams(plan, C);
    expect(first).toEqual(second);
    expect(first.ok && second.ok && first.value !== second.value && first.value['a'] !== second.value['a']).toBe(true);
  });

  it('evaluates in definition order and stops at the first error', () => {
    const { plan } = compileParams({ ok: '{{ 1 }}', a: ['x', '{{ 1 / 0 }}'], b: '{{ $input.main.note + 1 }}' });
    expect(renderParams(plan, C)).toEqual({ ok: false, paramPath: 'params.a[1]', reason: 'Division by zero' });
  });

  it('formats paths of non-identifier keys as JSON strings in brackets', () => {
    const { plan } = compileParams({ headers: { 'X-Api-Key': '{{ 1 % 0 }}' } });
    expect(renderParams(plan, C)).toEqual({ ok: false, paramPath: 'params.headers["X-Api-Key"]', reason: 'Modulo by zero' });
  });

  it('skips first-run-only keys: neither rendered nor included', () => {
    const { plan } = compileParams({ collection: '{{ 1 / 0 }}', mode: 'single', size: '{{ 2 }}' });
    expect(renderParams(plan, C, { skip: new Set(['collection']) })).toEqual({ ok: true, value: { mode: 'single', size: 2 } });
    const constant = compileParams({ collection: [1], mode: 'single' }).plan;
    expect(renderParams(constant, C, { skip: new Set(['collection']) })).toEqual({ ok: true, value: { mode: 'single' } });
    const unrelated = renderParams(constant, C, { skip: new Set(['other']) });
    expect(unrelated.ok && unrelated.value).toBe(constant.constant);
  });

  it('keeps a __proto__ key as data', () => {
    const params = JSON.parse('{"__proto__": "{{ 1 }}", "x": {"__proto__": {"y": "{{ 2 }}"}}}') as JsonObject;
    const { plan } = compileParams(params);
    const result = renderParams(plan, C);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.keys(result.value)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(result.value)).toBe('{"__proto__":1,"x":{"__proto__":{"y":2}}}');
  });

  it('fails when the rendered params exceed 4 MiB', () => {
    const big = 'x'.repeat(1_000_000);
    const params: JsonObject = { a: '{{ $input.big }}', b: '{{ $input.big }}', c: '{{ $input.big }}', d: '{{ $input.big }}' };
    const { plan } = compileParams(params);
    expect(renderParams(plan, { input: { big } })).toMatchObject({ ok: true });
    const more = compileParams({ ...params, e: '{{ $input.big }}' }).plan;
    expect(renderParams(more, { input: { big } })).toEqual({ ok: false, paramPath: 'params.e', reason: 'Rendered output exceeds maximum size' });
    expect(renderParams(plan, { input: { big } }, { limits: { maxRenderedBytes: 2_500_000 } })).toEqual({
      ok: false,
      paramPath: 'params.c',
      reason: 'Rendered output exceeds maximum size',
    });
  });

  it('counts the exact JSON size once the estimate is over the limit', () => {
    const items: Json[] = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
    const { plan } = compileParams({ a: '{{ $input.items }}' });
    expect(renderParams(plan, { input: { items } }, { limits: { maxRenderedBytes: 12_000 } })).toMatchObject({ ok: true });
    expect(renderParams(plan, { input: { items } }, { limits: { maxRenderedBytes: 10_000 } })).toMatchObject({ ok: false });
  });

  it('applies the iteration budget per render call', () => {
    const loop = '{% for i in $input.items %}{% endfor %}';
    const { plan } = compileParams({ a: loop, b: loop });
    const context = { input: { items: [1, 2, 3] } };
    expect(renderParams(plan, context, { limits: { maxTotalIterations: 6 } })).toMatchObject({ ok: true });
    expect(renderParams(plan, context, { limits: { maxTotalIterations: 6 } })).toMatchObject({ ok: true });
    expect(renderParams(plan, context, { limits: { maxTotalIterations: 5 } })).toEqual({
      ok: false,
      paramPath: 'params.b',
      reason: 'Total loop iterations exceed maximum 5',
    });
  });

  it('gives each template string its own local scope', () => {
    const { plan } = compileParams({ a: '{% assign x = 1 %}{{ x }}', b: '[{{ x }}]' });
    expect(renderParams(plan, C)).toEqual({ ok: true, value: { a: '1', b: '[]' } });
  });

  it('rejects a plan it did not make', () => {
    expect(() => renderParams({ isConstant: true, constant: {}, roots: new Set(), templatedKeys: new Set() }, C)).toThrow(TypeError);
  });
});
