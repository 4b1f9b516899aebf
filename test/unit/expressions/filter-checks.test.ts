import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../src/expressions/index.js';

/** Every built-in filter with its argument range after the value. */
const ARITIES: readonly (readonly [string, number, number])[] = [
  ['upper_case', 0, 0],
  ['lower_case', 0, 0],
  ['capitalize', 0, 0],
  ['strip', 0, 0],
  ['truncate', 1, 2],
  ['default', 1, 1],
  ['format_currency', 0, 1],
  ['length', 0, 0],
  ['first', 0, 0],
  ['last', 0, 0],
  ['join', 0, 1],
  ['sort', 0, 0],
  ['reverse', 0, 0],
  ['uniq', 0, 0],
  ['slice', 1, 2],
  ['contains', 1, 1],
  ['compact', 0, 0],
  ['flatten', 0, 0],
  ['sum', 0, 0],
  ['keys', 0, 0],
  ['values', 0, 0],
  ['group_by', 1, 1],
  ['map', 1, 1],
  ['filter', 2, 2],
  ['reject', 2, 2],
  ['dump', 0, 0],
  ['abs', 0, 0],
  ['ceil', 0, 0],
  ['floor', 0, 0],
  ['round', 0, 1],
  ['max', 0, 1],
  ['min', 0, 1],
  ['power', 1, 1],
  ['sqrt', 0, 0],
  ['mod', 1, 1],
  ['clamp', 2, 2],
];

function diagnosticOf(source: string) {
  const result = parseTemplate(source);
  return result.ok ? undefined : result.diagnostic;
}

function args(count: number): string {
  return Array.from({ length: count }, (_, i) => String(i + 1)).join(', ');
}

describe('filter checks at compile time', () => {
  it.each(ARITIES)('%s accepts %i to %i arguments after the value', (name, min, max) => {
    const range = min === max ? `${min}` : `${min}-${max}`;
    for (let count = 0; count <= 3; count++) {
      const piped = diagnosticOf(`{{ x | ${name}${count === 0 ? '' : `(${args(count)})`} }}`);
      const called = diagnosticOf(`{{ ${name}(x${count === 0 ? '' : `, ${args(count)}`}) }}`);
      if (count >= min && count <= max) {
        expect(piped).toBeUndefined();
        expect(called).toBeUndefined();
      } else {
        const expected = {
          code: 'invalid_filter_arguments',
          severity: 'error',
          message: `${name} takes ${range} argument(s) after the value, got ${count}`,
        };
        expect(piped).toMatchObject(expected);
        expect(called).toMatchObject(expected);
      }
    }
  });

  it('counts no arguments for an empty call, which applies the filter to null', () => {
    expect(diagnosticOf('{{ truncate() }}')).toMatchObject({ message: 'truncate takes 1-2 argument(s) after the value, got 0' });
    expect(diagnosticOf('{{ x | length() }}')).toBeUndefined();
    expect(diagnosticOf('{{ upper_case() }}')).toBeUndefined();
  });

  it('suggests a filter whose name is near an unknown one', () => {
    expect(diagnosticOf('{{ x | upcase }}')?.message).toBe('Unknown filter or function: upcase (did you mean "upper_case"?)');
  });

  it('reports unknown filters and functions with their position', () => {
    expect(diagnosticOf('{{ x | nope }}')).toEqual({
      code: 'unknown_filter',
      severity: 'error',
      message: 'Unknown filter or function: nope',
      line: 1,
      column: 8,
    });
    expect(diagnosticOf('{{ toString(x) }}')).toMatchObject({ code: 'unknown_filter', message: 'Unknown filter or function: toString' });
    expect(diagnosticOf('{{ x | constructor }}')).toMatchObject({ code: 'unknown_filter' });
    expect(diagnosticOf('{{ x | __proto__ }}')).toMatchObject({ code: 'unknown_filter' });
    expect(diagnosticOf('{{ eval("1") }}')).toMatchObject({ code: 'unknown_filter' });
  });

  it('reports the first filter problem, after syntax errors', () => {
    expect(diagnosticOf('{{ x | nope }}{{ y | round(1, 2) }}')).toMatchObject({ code: 'unknown_filter' });
    expect(diagnosticOf('{{ y | round(1, 2) }}{{ x | nope }}')).toMatchObject({ code: 'invalid_filter_arguments' });
    expect(diagnosticOf('{{ x | nope }}{{ ) }}')).toMatchObject({ code: 'template_syntax_error' });
  });
});
