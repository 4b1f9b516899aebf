import { describe, expect, it } from 'vitest';
import { reason, value } from './fixtures.js';

describe('arithmetic and concatenation', () => {
  it.each([
    ['{{ 1 + 2 }}', 3],
    ['{{ 0.1 + 0.2 }}', 0.30000000000000004],
    ['{{ 7 - 10 }}', -3],
    ['{{ 2.5 * 4 }}', 10],
    ['{{ 7 / 2 }}', 3.5],
    ['{{ -7 % 3 }}', -1],
    ['{{ 7 % -3 }}', 1],
    ['{{ -6 % 3 }}', 0],
    ['{{ "a" + 1 }}', 'a1'],
    ['{{ 1 + "a" }}', '1a'],
    ['{{ null + "x" }}', 'x'],
    ['{{ "x" + null }}', 'x'],
    ['{{ true + "" }}', 'true'],
    ['{{ [1, "a"] + "!" }}', '[1,"a"]!'],
    ['{{ "n=" + $input.main.nested }}', 'n={"k":"v"}'],
    ['{{ 2.5 + "" }}', '2.5'],
    ['{{ 1e21 + "" }}', '1e+21'],
    ['{{ -$input.main.age }}', -36],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it.each([
    ['{{ null + 1 }}', 'Unsupported operation: null + number'],
    ['{{ 1 + true }}', 'Unsupported operation: number + boolean'],
    ['{{ [1] + [2] }}', 'Unsupported operation: array + array'],
    ['{{ $input.main.nested + 1 }}', 'Unsupported operation: object + number'],
    ['{{ "a" - 1 }}', 'Unsupported operation: string - number'],
    ['{{ null * 2 }}', 'Unsupported operation: null * number'],
    ['{{ 1 / "2" }}', 'Unsupported operation: number / string'],
    ['{{ true % 2 }}', 'Unsupported operation: boolean % number'],
    ['{{ -"a" }}', 'Unsupported operation: -string'],
    ['{{ -null }}', 'Unsupported operation: -null'],
    ['{{ 1 / 0 }}', 'Division by zero'],
    ['{{ 0 / 0 }}', 'Division by zero'],
    ['{{ 5 % 0 }}', 'Modulo by zero'],
    ['{{ 7.5 % 2 }}', 'Modulo requires integers'],
    ['{{ 7 % 2.5 }}', 'Modulo requires integers'],
    ['{{ 1e308 * 10 }}', 'Numeric result is not finite'],
    ['{{ 1e308 + 1e308 }}', 'Numeric result is not finite'],
    ['{{ -1e308 - 1e308 }}', 'Numeric result is not finite'],
    ['{{ 1e308 / 0.1 }}', 'Numeric result is not finite'],
  ])('%j fails with %j', (template, expected) => {
    expect(reason(template)).toBe(expected);
  });
});

describe('equality', () => {
  it.each([
    ['{{ 1 == 1.0 }}', true],
    ['{{ "1" == 1 }}', false],
    ['{{ null == null }}', true],
    ['{{ null == false }}', false],
    ['{{ 0 == false }}', false],
    ['{{ [1, 2] == [1, 2] }}', true],
    ['{{ [1, 2] == [2, 1] }}', false],
    ['{{ [1] == [1, 1] }}', false],
    ['{{ $input.a == $input.b }}', true],
    ['{{ $input.a == $input.c }}', false],
    ['{{ $input.a != $input.c }}', true],
  ])('%j is %j', (template, expected) => {
    const context = { input: { a: { x: 1, y: [1, { z: null }] }, b: { y: [1, { z: null }], x: 1 }, c: { x: 1 } } };
    expect(value(template, context)).toBe(expected);
  });

  it('never errors on mismatched types', () => {
    expect(value('{{ $input.main.nested == $input.main.tags }}')).toBe(false);
    expect(value('{{ "a" != [1] }}')).toBe(true);
  });
});

describe('relational operators', () => {
  it.each([
    ['{{ 1 < 2 }}', true],
    ['{{ 2 <= 2 }}', true],
    ['{{ 3 > 2.5 }}', true],
    ['{{ 2 >= 3 }}', false],
    ['{{ "abc" < "abd" }}', true],
    ['{{ "ab" < "abc" }}', true],
    ['{{ "B" < "a" }}', true],
    ['{{ "" < "a" }}', true],
    ['{{ "\uffff" < "😀" }}', true],
    ['{{ "😀" > "\ue000" }}', true],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it.each([
    ['{{ "a" < 1 }}', 'Cannot compare string with number'],
    ['{{ $input.main.missing >= 18 }}', 'Cannot compare null with number'],
    ['{{ true > false }}', 'Cannot compare boolean with boolean'],
    ['{{ [1] < [2] }}', 'Cannot compare array with array'],
    ['{{ null < null }}', 'Cannot compare null with null'],
    ['{{ $input.main.nested <= 1 }}', 'Cannot compare object with number'],
  ])('%j fails with %j', (template, expected) => {
    expect(reason(template)).toBe(expected);
  });
});

describe('logical operators', () => {
  it.each([
    ['{{ 0 or "" }}', false],
    ['{{ [] or $input.main.empty }}', false],
    ['{{ 1 or 0 }}', true],
    ['{{ "x" and 0 }}', false],
    ['{{ "x" and "y" }}', true],
    ['{{ 0 and 1 / 0 }}', false],
    ['{{ true or 1 / 0 }}', true],
    ['{{ not 0 }}', true],
    ['{{ not "" }}', true],
    ['{{ not [] }}', true],
    ['{{ not [0] }}', false],
    ['{{ !"a" }}', false],
    ['{{ 0 || "fallback" }}', 0],
    ['{{ "" || "fallback" }}', ''],
    ['{{ false || "fallback" }}', 'fallback'],
    ['{{ null || false }}', false],
    ['{{ 0 && "y" }}', 'y'],
    ['{{ null && "y" }}', null],
    ['{{ false && 1 / 0 }}', false],
    ['{{ 1 || 1 / 0 }}', 1],
    ['{{ $input.main.name || "Guest" }}', 'Ada Lovelace'],
    ['{{ $vars.retries && $vars.retries > 0 }}', null],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it('returns booleans from and/or', () => {
    expect(value('{{ "x" and [1] }}')).toBe(true);
    expect(value('{{ 0 or $input.main.nested }}')).toBe(true);
  });
});
