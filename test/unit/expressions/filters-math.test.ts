import { describe, expect, it } from 'vitest';
import { reason, value } from './fixtures.js';

describe('math filters', () => {
  it.each([
    ['{{ -3.7 | abs }}', 3.7],
    ['{{ 0 | abs }}', 0],
    ['{{ 3.2 | ceil }}', 4],
    ['{{ -0.5 | ceil }}', 0],
    ['{{ -2.5 | floor }}', -3],
    ['{{ 2 | floor }}', 2],
    ['{{ 2 | power(10) }}', 1024],
    ['{{ 4 | power(0.5) }}', 2],
    ['{{ 2 | power(-1) }}', 0.5],
    ['{{ 16 | sqrt }}', 4],
    ['{{ 2 | sqrt }}', Math.SQRT2],
    ['{{ 17 | mod(5) }}', 2],
    ['{{ -17 | mod(5) }}', -2],
    ['{{ 17 | mod(-5) }}', 2],
    ['{{ 15 | clamp(0, 10) }}', 10],
    ['{{ -5 | clamp(0, 10) }}', 0],
    ['{{ 5 | clamp(5, 5) }}', 5],
    ['{{ 5 | max(10) }}', 10],
    ['{{ 5 | min(10) }}', 5],
    ['{{ max(3, 7) }}', 7],
    ['{{ min(3, 7) }}', 3],
    ['{{ 5 | max }}', 5],
    ['{{ [4, "x", 9] | max }}', 9],
    ['{{ [4, "x", -9, null] | min }}', -9],
    ['{{ [2.5] | max }}', 2.5],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it.each([
    ['{{ "1" | abs }}', 'abs', 'abs can only be applied to numbers'],
    ['{{ null | ceil }}', 'ceil', 'ceil can only be applied to numbers'],
    ['{{ [1] | floor }}', 'floor', 'floor can only be applied to numbers'],
    ['{{ "2" | power(2) }}', 'power', 'power requires a base number and exponent'],
    ['{{ 2 | power("2") }}', 'power', 'power requires a base number and exponent'],
    ['{{ 10 | power(400) }}', 'power', 'power result is not a finite number'],
    ['{{ 0 | power(-1) }}', 'power', 'power result is not a finite number'],
    ['{{ -8 | power(0.5) }}', 'power', 'power result is not a finite number'],
    ['{{ -1 | sqrt }}', 'sqrt', 'sqrt cannot be applied to negative numbers'],
    ['{{ "4" | sqrt }}', 'sqrt', 'sqrt can only be applied to numbers'],
    ['{{ 17 | mod(0) }}', 'mod', 'mod by zero is undefined'],
    ['{{ 17.5 | mod(2) }}', 'mod', 'mod requires two integers'],
    ['{{ 17 | mod("2") }}', 'mod', 'mod requires two integers'],
    ['{{ 5 | clamp(10, 0) }}', 'clamp', 'clamp min value must be less than or equal to max value'],
    ['{{ "5" | clamp(0, 10) }}', 'clamp', 'clamp requires a number and min/max values'],
    ['{{ 5 | clamp(0, nil) }}', 'clamp', 'clamp requires a number and min/max values'],
    ['{{ [] | max }}', 'max', 'max cannot be applied to empty list'],
    ['{{ [] | min }}', 'min', 'min cannot be applied to empty list'],
    ['{{ ["a", null] | max }}', 'max', 'max requires at least one numeric value'],
    ['{{ ["a"] | min }}', 'min', 'min requires at least one numeric value'],
    ['{{ "a" | max }}', 'max', 'max can only be applied to numbers or lists of numbers'],
    ['{{ 5 | max("a") }}', 'max', 'max can only be applied to numbers or lists of numbers'],
    ['{{ [1] | min(2) }}', 'min', 'min can only be applied to numbers or lists of numbers'],
  ])('%j fails in %s', (template, name, message) => {
    expect(reason(template)).toBe(`Filter error in ${name}: ${message}`);
  });
});

describe('round (ties away from zero on the shortest decimal representation)', () => {
  it.each([
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1.4999, 0, 1],
    [-0.4, 0, 0],
    [3.14159, 2, 3.14],
    [1.005, 2, 1.01],
    [1.255, 2, 1.26],
    [-1.005, 2, -1.01],
    [8.345, 2, 8.35],
    [0.045, 2, 0.05],
    [1.45, 1, 1.5],
    [9.995, 2, 10],
    [99.5, 0, 100],
    [123.456, 0, 123],
    [5.1, 1, 5.1],
    [36 / 7, 1, 5.1],
    [1e-7, 2, 0],
    [1.5e-7, 7, 2e-7],
    [1e21, 2, 1e21],
    [1.7976931348623157e308, 15, 1.7976931348623157e308],
    [0.1 + 0.2, 15, 0.3],
    [0.1 + 0.2, 16 - 1, 0.3],
    [2, 15, 2],
  ])('round(%d, %d) is %d', (input, places, expected) => {
    expect(value(`{{ ${input < 0 ? `(0 - ${-input})` : input} | round(${places}) }}`)).toBe(expected);
  });

  it('rounds to an integer without an argument', () => {
    expect(value('{{ 2.5 | round }}')).toBe(3);
    expect(Object.is(value('{{ -0.2 | round }}'), 0)).toBe(true);
  });

  it('checks the value and the places', () => {
    expect(reason('{{ "2.5" | round }}')).toBe('Filter error in round: round can only be applied to numbers');
    for (const places of ['-1', '16', '1.5', '"2"', 'nil']) {
      expect(reason(`{{ 2.5 | round(${places}) }}`)).toBe('Filter error in round: round precision must be an integer between 0 and 15');
    }
  });
});
