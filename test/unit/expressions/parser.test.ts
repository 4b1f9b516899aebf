import { describe, expect, it } from 'vitest';
import { parseTemplate, type ExpressionNode, type Template } from '../../../src/expressions/index.js';
import { compileMessage, run, value } from './fixtures.js';

function parse(source: string): Template {
  const result = parseTemplate(source);
  if (!result.ok) throw new Error(result.diagnostic.message);
  return result.template;
}

function onlyExpression(source: string): ExpressionNode {
  const block = parse(source).body[0];
  if (block?.kind !== 'output') throw new Error('expected an output block');
  return block.expression;
}

describe('parseTemplate', () => {
  it('produces an AST with 1-based positions counted in code points', () => {
    const template = parse('😀 {{ $input.a | upper_case }}\n{% if x %}{{ y }}{% endif %}');
    expect(template.kind).toBe('template');
    expect(template.single).toBe(false);
    expect(template.body.map((block) => block.kind)).toEqual(['text', 'output', 'text', 'if']);
    expect(template.body[1]?.position).toMatchObject({ line: 1, column: 3 });
    expect(template.body[3]?.position).toMatchObject({ line: 2, column: 1 });
    const expression = onlyExpression('{{ $input.a | upper_case }}');
    expect(expression).toMatchObject({
      kind: 'pipeline',
      input: { kind: 'access', target: { kind: 'variable', scope: 'context', name: 'input' }, segments: [{ kind: 'name', name: 'a' }] },
      filters: [{ name: 'upper_case', args: [], position: { line: 1, column: 15 } }],
    });
  });

  it('marks a template that is exactly one output block as single', () => {
    expect(parse('{{ 1 }}').single).toBe(true);
    expect(parse('{{- 1 -}}').single).toBe(true);
    expect(parse(' {{ 1 }}').single).toBe(false);
    expect(parse('{{ 1 }} ').single).toBe(false);
    expect(parse('{{ 1 }}{{ 2 }}').single).toBe(false);
    expect(parse('{# c #}{{ 1 }}').single).toBe(false);
    expect(parse('  {{- 1 }}').single).toBe(false);
  });

  it('keeps binary operators of one level in a left-associative chain', () => {
    expect(onlyExpression('{{ 1 - 2 + 3 }}')).toMatchObject({
      kind: 'binary',
      first: { kind: 'literal', value: 1 },
      rest: [
        { operator: '-', operand: { value: 2 } },
        { operator: '+', operand: { value: 3 } },
      ],
    });
  });

  it('turns call syntax into a call node', () => {
    expect(onlyExpression('{{ max(3, 7) }}')).toMatchObject({ kind: 'call', name: 'max', args: [{ value: 3 }, { value: 7 }] });
  });

  it('never throws, returning a diagnostic instead', () => {
    for (const source of ['{{', '{%', '{#', '{{{', '{{ [ }}', '{% for %}', '{{ "\\', '{{ 1 |', '{% assign %}']) {
      const result = parseTemplate(source);
      expect(result.ok).toBe(false);
    }
  });
});

describe('precedence', () => {
  it.each([
    ['{{ 1 < 2 == true }}', true],
    ['{{ not 1 == 2 }}', false],
    ['{{ not (1 == 2) }}', true],
    ['{{ -2 * 3 }}', -6],
    ['{{ 2 - -3 }}', 5],
    ['{{ - -3 }}', 3],
    ['{{ not not 0 }}', false],
    ['{{ !!1 }}', true],
    ['{{ 1 + 2 * 3 - 4 / 2 }}', 5],
    ['{{ 10 - 3 - 2 }}', 5],
    ['{{ 2 * 3 % 4 }}', 2],
    ['{{ 1 + 1 == 2 and 3 > 2 }}', true],
    ['{{ false and true or true }}', true],
    ['{{ true or false and false }}', true],
    ['{{ null || 0 && 5 }}', 5],
    ['{{ "a" + "b" | upper_case }}', 'AB'],
    ['{{ [10, 20][1] }}', 20],
    ['{{ ([1, 2] | last) * 2 }}', 4],
    ['{{ first([[5]])[0] }}', 5],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it('evaluates long operator chains iteratively', () => {
    const template = `{{ ${Array.from({ length: 5000 }, () => '1').join(' + ')} }}`;
    expect(value(template)).toBe(5000);
    const logical = `{{ ${Array.from({ length: 3000 }, () => 'true').join(' and ')} }}`;
    expect(value(logical)).toBe(true);
    const filters = `{{ -5${' | abs'.repeat(3000)} }}`;
    expect(value(filters)).toBe(5);
  });
});

describe('restricted grammar', () => {
  it.each([
    ['{{ round($input.main.age / 7, 1) }}', 'arguments must be literals or paths'],
    ['{{ x | round(1 + 1) }}', 'arguments must be literals or paths'],
    ['{{ x | default((1)) }}', 'an argument must be a literal or a path'],
    ['{{ x | default(f(1)) }}', 'arguments must be literals or paths'],
    ['{{ x | default([1][0]) }}', 'arguments must be literals or paths'],
    ['{{ x[1 + 1] }}', 'expected "]"'],
    ['{{ x[true] }}', 'an index must be a number, string, atom or path'],
    ['{{ x[[1]] }}', 'an index must be a number, string, atom or path'],
    ['{{ x[(1)] }}', 'an index must be a number, string, atom or path'],
    ['{{ x | length > 2 }}', 'after a filter'],
    ['{{ x | length + 1 }}', 'after a filter'],
    ['{{ x | length x }}', 'after a filter'],
    ['{{ x | 1 }}', 'expected a filter name'],
    ['{{ x[$vars.limit - 2] }}', 'expected "]"'],
    ['{{ (1, 2) }}', 'expected ")"'],
  ])('%j is a syntax error', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });

  it.each([
    ['{{ $input.main.tags | slice(-2) }}', ['poetry', 'math']],
    ['{{ $input.main.tags[-1] }}', null],
    ['{{ $input.main.tags | join(:x) }}', 'mathxpoetryxmath'],
    ['{{ [1, null, 2] | contains(nil) }}', true],
    ['{{ $input.main | contains(:age) }}', true],
    ['{{ [[1, 2]] | contains([1, 2]) }}', true],
    ['{{ $input.main.items | map($vars.field) }}', ['a', 'b', 'c']],
    ['{% assign i = 1 %}{{ $input.main.tags[i] }}', 'poetry'],
    ['{{ $input.main.items[$vars.at].sku }}', 'b'],
    ['{{ $input.main.items[$vars.path.i].sku }}', 'b'],
    ['{{ [$input.main.age / 2, 1 | abs] }}', [18, 1]],
  ])('%j is allowed', (template, expected) => {
    const context = {
      input: {
        main: {
          age: 36,
          tags: ['math', 'poetry', 'math'],
          items: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }],
        },
      },
      vars: { field: 'sku', limit: 3, at: 1, path: { i: 1 } },
    };
    expect(value(template, context)).toEqual(expected);
  });
});

describe('reserved words', () => {
  it.each(['{% assign and = 1 %}', '{% for nil in x %}{% endfor %}', '{{ or }}', '{{ true(1) }}', '{{ x | and }}'])('%j does not compile', (template) => {
    expect(run(template)).toHaveProperty('compile');
  });
});

describe('nesting depth', () => {
  const nested = (depth: number): string => `{{ ${'('.repeat(depth)}1${')'.repeat(depth)} }}`;

  it('accepts expressions nested 64 deep and rejects 65', () => {
    expect(value(nested(64))).toBe(1);
    expect(compileMessage(nested(65))).toContain('expression nesting depth exceeds maximum 64');
    expect(compileMessage(`{{ ${'['.repeat(65)}${']'.repeat(65)} }}`)).toContain('nesting depth exceeds maximum 64');
    expect(compileMessage(`{{ ${'-'.repeat(65)}1 }}`)).toContain('nesting depth exceeds maximum 64');
  });

  it('accepts tags nested 64 deep and rejects 65', () => {
    const ifs = (depth: number): string => `${'{% if true %}'.repeat(depth)}x${'{% endif %}'.repeat(depth)}`;
    expect(value(ifs(64))).toBe('x');
    expect(compileMessage(ifs(65))).toContain('tag nesting depth exceeds maximum 64');
  });

  it('uses the configured depth', () => {
    expect(run(nested(3), undefined, { compile: { maxDepth: 2 } })).toMatchObject({ compile: 'template_syntax_error' });
    expect(run(nested(2), undefined, { compile: { maxDepth: 2 } })).toEqual({ value: 1 });
  });
});
