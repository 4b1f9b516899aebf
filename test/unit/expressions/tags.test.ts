import { describe, expect, it } from 'vitest';
import { compileMessage, reason, run, value } from './fixtures.js';

describe('text and markers', () => {
  it.each([
    ['Price: {5}', 'Price: {5}'],
    ['a }} b', 'a }} b'],
    ['a %} b #}', 'a %} b #}'],
    ['{ {', '{ {'],
    ['{{ "{{" }}name}}', '{{name}}'],
    ['{{ "}}" }}', '}}'],
    ['{{ "{%" }} x', '{% x'],
    ['a{# {{ broken #}b', 'ab'],
    ['a{# {# #}b', 'ab'],
    ['{# c #}{{ 1 }}', '1'],
  ])('%j renders %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it('treats a comment as ending at the first #}', () => {
    expect(value('{# a #} b #}')).toBe(' b #}');
  });
});

describe('whitespace trimming', () => {
  it.each([
    ['a {{- "b" -}} c', 'abc'],
    ['a \n\t {{- "b" }} c', 'ab c'],
    ['a {{ "b" -}} \n c', 'a bc'],
    ['x  {%- if true -%}  y  {%- endif -%}  z', 'xyz'],
    ['{% for i in [1, 2] -%}\n  {{ i }}\n{%- endfor %}', '12'],
    ['a {# c #} {{- "b" }}', 'a b'],
    ['{{ "a" }} {{- "b" }}', 'ab'],
    ['{{ "a" -}} {# c #} b', 'a b'],
    ['a\u00a0\u2003{{- "b" }}', 'ab'],
    ['{{ 5-}} x', '5x'],
    ['{% if true %} a {%- else %} b {% endif %}', ' a'],
    ['{% if false %} a {% else -%} b {% endif %}', 'b '],
  ])('%j renders %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it('reads {{- as a trim marker, so a negative literal needs a space', () => {
    expect(value('{{-1}}')).toBe(1);
    expect(value('{{ -1 }}')).toBe(-1);
    expect(value('x{{-1}}')).toBe('x1');
  });
});

describe('output blocks', () => {
  it('preserves the type of a lone output', () => {
    expect(value('{{ [1, "a", null] }}')).toEqual([1, 'a', null]);
    expect(value('{{ $input.main.nested }}')).toEqual({ k: 'v' });
    expect(value('{{ null }}')).toBeNull();
  });

  it('renders the text form in mixed text', () => {
    expect(value('{{ null }}|{{ true }}|{{ 2.5 }}|{{ [1, "a", null] }}|{{ $input.main.nested }}')).toBe('|true|2.5|[1,"a",null]|{"k":"v"}');
    expect(value('{{ 1 }}{{ 2 }}')).toBe('12');
    expect(value('a{{ 1 }}b{{ 2 }}c{{ 3 }}d')).toBe('a1b2c3d');
  });

  it('rejects an empty output block', () => {
    expect(compileMessage('{{ }}')).toContain('expected an expression');
    expect(compileMessage('{{- -}}')).toContain('expected an expression');
  });
});

describe('if tag', () => {
  it('renders the first truthy branch and evaluates no later condition', () => {
    expect(value('{% if 0 %}a{% elsif "" %}b{% elsif 1 %}c{% elsif 1 / 0 %}d{% endif %}')).toBe('c');
  });

  it('uses Liquid truthiness', () => {
    const context = { input: { o: {}, a: [], s: '', z: 0, f: false, n: null, t: 'x', one: [0] } };
    expect(value('{% for k in ["o", "a", "s", "z", "f", "n", "t", "one"] %}{% if $input[k] %}T{% else %}F{% endif %}{% endfor %}', context)).toBe('FFFFFFTT');
  });

  it('nests', () => {
    expect(value('{% if true %}{% if false %}a{% else %}b{% endif %}{% endif %}')).toBe('b');
  });

  it.each([
    ['{% if true %}x', '"{% if %}" is not closed with "{% endif %}"'],
    ['{% endif %}', '"{% endif %}" without a matching "{% if %}"'],
    ['{% else %}', '"{% else %}" without a matching "{% if %}"'],
    ['{% elsif x %}', '"{% elsif %}" without a matching "{% if %}"'],
    ['{% if a %}{% else %}{% elsif b %}{% endif %}', '"{% elsif %}" after "{% else %}"'],
    ['{% if a %}{% else %}{% else %}{% endif %}', 'a second "{% else %}"'],
    ['{% if a %}{% endfor %}', '"{% endfor %}" without a matching "{% for %}"'],
    ['{% if a b %}{% endif %}', 'expected the end of the block'],
    ['{% else x %}', 'without a matching'],
    ['{% if a %}{% else x %}{% endif %}', 'expected the end of the block'],
    ['{% endif x %}', 'without a matching'],
    ['{% iff a %}', 'unknown tag "iff"'],
    ['{% raw %}', 'unknown tag "raw"'],
    ['{% break %}', 'unknown tag "break"'],
    ['{% %}', 'expected a tag name'],
    ['{% 1 %}', 'expected a tag name'],
  ])('%j is a syntax error: %s', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });
});

describe('for tag', () => {
  it('binds the item and forloop fields', () => {
    expect(
      value(
        '{% for x in ["a", "b", "c"] %}{{ x }}{{ forloop.index }}{{ forloop.rindex }}{{ forloop.first }}{{ forloop.last }}{{ forloop.length }};{% endfor %}',
      ),
    ).toBe('a02truefalse3;b11falsefalse3;c20falsetrue3;');
  });

  it('gives parentloop as the enclosing forloop, null at top level', () => {
    expect(value('{% for x in [1] %}{{ forloop.parentloop }}{% endfor %}')).toBe('');
    expect(value('{% for r in [[1, 2], [3]] %}{% for c in r %}{{ forloop.parentloop.index }}{{ c }} {% endfor %}{% endfor %}')).toBe('01 02 13 ');
    expect(
      value('{% for a in [1] %}{% for b in [1] %}{% for c in [1, 2] %}{{ forloop.parentloop.parentloop.length }}{% endfor %}{% endfor %}{% endfor %}'),
    ).toBe('11');
  });

  it('restores the loop variable and forloop after the loop', () => {
    expect(value('{% assign x = "outer" %}{% for x in [1, 2] %}{{ x }}{% endfor %}{{ x }}')).toBe('12outer');
    expect(value('{% for x in [1, 2] %}{% endfor %}[{{ x }}][{{ forloop }}]')).toBe('[][]');
    expect(value('{% for a in [1, 2] %}{% for b in [7, 8, 9] %}{% endfor %}{{ forloop.index }}/{{ forloop.length }} {% endfor %}')).toBe('0/2 1/2 ');
    expect(value('{% for t in ["a"] %}{% assign t = "changed" %}{% endfor %}[{{ t }}]')).toBe('[]');
  });

  it('keeps assignments made inside the body', () => {
    expect(value('{% for t in $input.main.tags %}{% assign last_tag = t %}{% endfor %}{{ last_tag }}/{{ t }}')).toBe('math/');
    expect(value('{% assign n = 0 %}{% for i in [1, 2, 3] %}{% assign n = n + i %}{% endfor %}{{ n }}')).toBe('6');
  });

  it('iterates zero times over null and fails on non-arrays', () => {
    expect(value('{% for x in $input.main.note %}x{% endfor %}done')).toBe('done');
    expect(value('{% for x in [] %}x{% endfor %}done')).toBe('done');
    for (const iterable of ['"abc"', '1', 'true', '$input.main.nested']) {
      expect(reason(`{% for x in ${iterable} %}{% endfor %}`)).toBe('For loop iterable must be a list');
    }
  });

  it('accepts filters in the iterable', () => {
    expect(value('{% for x in [3, 1, 2] | sort %}{{ x }}{% endfor %}')).toBe('123');
  });

  it.each([
    ['{% for x in [1] %}', '"{% for %}" is not closed with "{% endfor %}"'],
    ['{% endfor %}', 'without a matching "{% for %}"'],
    ['{% for in [1] %}{% endfor %}', 'expected "in" after the loop variable'],
    ['{% for x of [1] %}{% endfor %}', 'expected "in"'],
    ['{% for x in(a) %}{% endfor %}', 'expected whitespace after "in"'],
    ['{% for x in %}{% endfor %}', 'expected an expression'],
    ['{% for true in [1] %}{% endfor %}', 'reserved word'],
    ['{% for $x in [1] %}{% endfor %}', 'expected a loop variable'],
    ['{% for x in [1] limit: 2 %}{% endfor %}', 'expected the end of the block'],
    ['{% for x in [1] %}{% else %}{% endfor %}', 'without a matching "{% if %}"'],
    ['{% for x in [1] %}{% if true %}{% endfor %}{% endif %}', 'without a matching "{% for %}"'],
  ])('%j is a syntax error: %s', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });
});

describe('assign tag', () => {
  it('binds a local for the rest of the template, filters included', () => {
    expect(value('{{ x }}{% assign x = 1 %}{{ x }}{% assign x = x + 1 %}{{ x }}')).toBe('12');
    expect(value('{% assign total = $input.main.items | map("qty") | sum %}{{ total * 2 }}')).toBe('14');
    expect(value('{% assign x=[1,2] %}{{ x | last }}')).toBe('2');
  });

  it('keeps locals and context variables in separate namespaces', () => {
    expect(value('{% assign input = 1 %}{{ input }}-{{ $input.main.age }}')).toBe('1-36');
  });

  it.each([
    ['{% assign %}', 'expected a variable name'],
    ['{% assign x %}', 'expected "="'],
    ['{% assign x == 1 %}', 'expected "="'],
    ['{% assign x = %}', 'expected an expression'],
    ['{% assign nil = 1 %}', 'reserved word'],
    ['{% assign $x = 1 %}', 'expected a variable name'],
    ['{% assign x.y = 1 %}', 'expected "="'],
    ['{% assignx = 1 %}', 'unknown tag "assignx"'],
  ])('%j is a syntax error: %s', (template, detail) => {
    expect(compileMessage(template)).toContain(detail);
  });
});

describe('loop limits', () => {
  const items = (n: number) => ({ input: { items: Array.from({ length: n }, (_, i) => i) } });

  it('allows 10 000 items and rejects 10 001', () => {
    expect(run('{% for x in $input.items %}{% endfor %}ok', items(10_000))).toEqual({ value: 'ok' });
    expect(run('{% for x in $input.items %}{% endfor %}', items(10_001))).toEqual({ error: 'Loop iteration count 10001 exceeds maximum 10000' });
  });

  it('counts iterations of nested loops against a total budget of 100 000', () => {
    const context = items(10_000);
    const exactly =
      '{% for a in $input.items | slice(0, 900) %}{% for b in $input.items | slice(0, 100) %}{% endfor %}{% endfor %}{% for c in $input.items | slice(0, 9100) %}{% endfor %}ok';
    expect(run(exactly, context)).toEqual({ value: 'ok' });
    expect(run(`${exactly}{% for d in [1] %}{% endfor %}`, context)).toEqual({ error: 'Total loop iterations exceed maximum 100000' });
  });

  it('uses the configured limits', () => {
    expect(run('{% for x in [1, 2, 3] %}{% endfor %}', {}, { render: { maxCollectionItems: 2 } })).toEqual({
      error: 'Loop iteration count 3 exceeds maximum 2',
    });
    expect(run('{% for x in [1, 2] %}{% for y in [1, 2] %}{% endfor %}{% endfor %}', {}, { render: { maxTotalIterations: 5 } })).toEqual({
      error: 'Total loop iterations exceed maximum 5',
    });
  });
});

describe('rendered string size', () => {
  it('fails when a rendered string exceeds 1 MiB', () => {
    const big = 'x'.repeat(600_000);
    expect(run('{{ $input.a }}{{ $input.a }}', { input: { a: big } })).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run('{{ $input.a + $input.a }}', { input: { a: big } })).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run('{{ $input.a }}', { input: { a: big } })).toEqual({ value: big });
  });

  it('counts UTF-8 bytes', () => {
    const wide = 'é'.repeat(600_000);
    expect(run('{{ $input.a }}', { input: { a: wide } })).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run('{{ $input.a }}', { input: { a: wide } }, { render: { maxStringBytes: 1_200_000 } })).toEqual({ value: wide });
  });

  it('stops building text from values that share sub-trees', () => {
    const template = `{% assign a = [1] %}{% for i in ${JSON.stringify(Array.from({ length: 60 }, () => 0))} %}{% assign a = [a, a] %}{% endfor %}{{ a }}`;
    expect(run(template)).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run(template.replace('{{ a }}', '{{ a | dump | length }}'))).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run(template.replace('{{ a }}', '{{ a | flatten | length }}'))).toEqual({ error: 'Rendered output exceeds maximum size' });
    expect(run(template.replace('{{ a }}', 'x{{ a | join }}'))).toEqual({ error: 'Rendered output exceeds maximum size' });
  });

  it('limits a lone output value by the rendered-params size', () => {
    const template = `{% assign a = [1] %}`;
    expect(run(template)).toEqual({ value: '' });
    const doubled = `{{ [${Array.from({ length: 10 }, () => '$input.a').join(', ')}] }}`;
    expect(run(doubled, { input: { a: 'y'.repeat(500_000) } })).toEqual({ error: 'Rendered output exceeds maximum size' });
  });
});
