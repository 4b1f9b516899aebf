import { describe, expect, it } from 'vitest';
import { compileMessage, run, value } from './fixtures.js';

describe('string literals', () => {
  it.each([
    ['{{ "a\\"b" }}', 'a"b'],
    ["{{ 'a\\'b' }}", "a'b"],
    ['{{ "a\\\\b" }}', 'a\\b'],
    ['{{ "a\\/b" }}', 'a/b'],
    ['{{ "\\b\\f\\n\\r\\t" }}', '\b\f\n\r\t'],
    ['{{ "\\u00e9" }}', 'é'],
    ['{{ "\\u00E9" }}', 'é'],
    ['{{ "\\uD83D\\uDE00" }}', '😀'],
    ['{{ "\\uD83D" }}', '\uD83D'],
    ['{{ "it\'s" }}', "it's"],
    ['{{ \'say "hi"\' }}', 'say "hi"'],
    ['{{ "line\nbreak" }}', 'line\nbreak'],
    ['{{ "%}" }}', '%}'],
    ['{% assign s = "%}" %}{{ s }}', '%}'],
    ['{{ "-}}" }}', '-}}'],
    ['{{ "" }}', ''],
  ])('%j evaluates to %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it.each([
    ['{{ "\\x" }}', 'invalid escape "\\x"'],
    ['{{ "\\u12" }}', 'invalid \\u escape'],
    ['{{ "\\u12G4" }}', 'invalid \\u escape'],
    ['{{ "abc }}', 'unterminated string literal'],
    ['{{ \'abc" }}', 'unterminated string literal'],
  ])('%j is a syntax error (%s)', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });
});

describe('number literals', () => {
  it.each([
    ['{{ 0 }}', 0],
    ['{{ 42 }}', 42],
    ['{{ 3.25 }}', 3.25],
    ['{{ 0.5 }}', 0.5],
    ['{{ 1e3 }}', 1000],
    ['{{ 1E+3 }}', 1000],
    ['{{ 25e-1 }}', 2.5],
    ['{{ 1.5e2 }}', 150],
    ['{{ 3.0 }}', 3],
    ['{{ -0 }}', 0],
  ])('%j evaluates to %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it('normalises a negated zero to 0', () => {
    expect(Object.is(value('{{ -0 }}'), 0)).toBe(true);
    expect(Object.is(value('{{ 0 * -1 }}'), 0)).toBe(true);
  });

  it.each([
    ['{{ 007 }}', 'leading zeros'],
    ['{{ 00 }}', 'leading zeros'],
    ['{{ .5 }}', 'digit before "."'],
    ['{{ 5. }}', 'cannot end with "."'],
    ['{{ 1e }}', 'exponent needs digits'],
    ['{{ 1e+ }}', 'exponent needs digits'],
    ['{{ 12abc }}', 'invalid number'],
    ['{{ 1.2.3 }}', 'invalid number'],
    ['{{ 1e400 }}', 'too large'],
  ])('%j is a syntax error (%s)', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });
});

describe('atoms, keywords and identifiers', () => {
  it('reads an atom as its name', () => {
    expect(value('{{ :some_name1 }}')).toBe('some_name1');
  });

  it('reads null and its alias nil', () => {
    expect(value('{{ null }}')).toBeNull();
    expect(value('{{ nil }}')).toBeNull();
    expect(value('{{ [true, false] }}')).toEqual([true, false]);
  });

  it('treats identifiers that start with a reserved word as plain names', () => {
    expect(value('{% assign nothing = 1 %}{% assign order = 2 %}{% assign android = 3 %}{{ nothing + order + android }}')).toBe('6');
    expect(value('{{ nothing }}')).toBeNull();
  });

  it('allows reserved words as property names after a dot', () => {
    expect(value('{{ $input.x.not }}', { input: { x: { not: 1 } } })).toBe(1);
    expect(value('{{ $input.and.or.nil }}', { input: { and: { or: { nil: 'deep' } } } })).toBe('deep');
  });

  it.each(['{{ $ }}', '{{ $1 }}', '{{ : }}', '{{ :1 }}', '{{ a & b }}', '{{ # }}', '{{ @x }}', '{{ a ** b }}', '{{ a\u00a0}}'])(
    '%j is a syntax error',
    (template) => {
      expect(run(template)).toMatchObject({ compile: 'template_syntax_error' });
    },
  );

  it('accepts tabs, CR and LF between tokens', () => {
    expect(value('{{\t1\r\n+\n2\t}}')).toBe(3);
    expect(value('{%\nif\ttrue\r\n%}y{%\nendif\n%}')).toBe('y');
  });
});

describe('syntax error positions', () => {
  it('reports 1-based line and column', () => {
    expect(compileMessage('{{ ) }}')).toBe('Template syntax error at line 1, column 4: unexpected ")"');
    expect(compileMessage('line one\n  {{ ) }}')).toMatch(/^Template syntax error at line 2, column 6: /);
  });

  it('counts columns in code points', () => {
    expect(compileMessage('😀😀 {{ ) }}')).toMatch(/^Template syntax error at line 1, column 7: /);
    expect(compileMessage('é\n😀{{ ) }}')).toMatch(/^Template syntax error at line 2, column 5: /);
  });

  it('reports an unclosed block at its opening delimiter', () => {
    expect(compileMessage('ab {{ $input.main.name')).toBe('Template syntax error at line 1, column 4: "{{" is not closed with "}}"');
    expect(compileMessage('{% if true')).toBe('Template syntax error at line 1, column 1: "{%" is not closed with "%}"');
    expect(compileMessage('x{# note')).toBe('Template syntax error at line 1, column 2: "{#" is not closed with "#}"');
  });

  it('returns line and column as diagnostic fields', () => {
    expect(run('\n {{ 1 +  }}')).toMatchObject({ compile: 'template_syntax_error' });
  });
});
