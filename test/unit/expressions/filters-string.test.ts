import { describe, expect, it } from 'vitest';
import { reason, value } from './fixtures.js';

describe('string filters', () => {
  it.each([
    ['{{ "héllo" | upper_case }}', 'HÉLLO'],
    ['{{ "straße" | upper_case }}', 'STRASSE'],
    ['{{ "ÀB" | lower_case }}', 'àb'],
    ['{{ 36 | upper_case }}', '36'],
    ['{{ null | upper_case }}', ''],
    ['{{ true | upper_case }}', 'TRUE'],
    ['{{ $input.main.nested | upper_case }}', '{"K":"V"}'],
    ['{{ [1, "a"] | lower_case }}', '[1,"a"]'],
    ['{{ "hello WORLD" | capitalize }}', 'Hello world'],
    ['{{ "élan" | capitalize }}', 'Élan'],
    ['{{ "𐐨bc" | capitalize }}', '𐐀bc'],
    ['{{ "" | capitalize }}', ''],
    ['{{ 1.5 | capitalize }}', '1.5'],
    ['{{ "  hi \n" | strip }}', 'hi'],
    ['{{ "\u00a0hi\u2003" | strip }}', 'hi'],
    ['{{ 5 | strip }}', '5'],
    ['{{ "Hello, world" | truncate(8) }}', 'Hello...'],
    ['{{ "Hello, world" | truncate(7, "~") }}', 'Hello,~'],
    ['{{ "Hello" | truncate(2) }}', '..'],
    ['{{ "Hello" | truncate(3) }}', '...'],
    ['{{ "Hello" | truncate(4) }}', 'H...'],
    ['{{ "Hello" | truncate(5) }}', 'Hello'],
    ['{{ "Hello" | truncate(10) }}', 'Hello'],
    ['{{ "Hello" | truncate(0) }}', ''],
    ['{{ "Hello" | truncate(3, "") }}', 'Hel'],
    ['{{ "😀😀😀😀" | truncate(3, "…") }}', '😀😀…'],
    ['{{ "abcdef" | truncate(2, "😀😀😀") }}', '😀😀'],
    ['{{ null | default("n/a") }}', 'n/a'],
    ['{{ "" | default("none") }}', 'none'],
    ['{{ 0 | default(5) }}', 0],
    ['{{ false | default(5) }}', false],
    ['{{ [] | default(5) }}', []],
    ['{{ "x" | default(5) }}', 'x'],
    ['{{ null | default(null) }}', null],
    ['{{ default(null, "d") }}', 'd'],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toEqual(expected);
  });

  it.each([
    '{{ 5 | truncate(2) }}',
    '{{ null | truncate(2) }}',
    '{{ "abc" | truncate(-1) }}',
    '{{ "abc" | truncate(1.5) }}',
    '{{ "abc" | truncate("2") }}',
    '{{ "abc" | truncate(2, 5) }}',
    '{{ "abc" | truncate(2, nil) }}',
  ])('%j fails with the truncate message', (template) => {
    expect(reason(template)).toBe('Filter error in truncate: truncate filter requires a string and a length parameter');
  });
});

describe('format_currency', () => {
  it.each([
    ['{{ 42.5 | format_currency }}', '$42.50'],
    ['{{ 42.5 | format_currency("EUR") }}', '€42.50'],
    ['{{ 42.5 | format_currency("gbp") }}', '£42.50'],
    ['{{ 42.5 | format_currency(:usd) }}', '$42.50'],
    ['{{ 42.5 | format_currency(nil) }}', '$42.50'],
    ['{{ 1234567.891 | format_currency }}', '$1,234,567.89'],
    ['{{ 999.995 | format_currency }}', '$1,000.00'],
    ['{{ 1.005 | format_currency }}', '$1.01'],
    ['{{ 0 | format_currency }}', '$0.00'],
    ['{{ 0.004 | format_currency }}', '$0.00'],
    ['{{ -5 | format_currency }}', '-$5.00'],
    ['{{ -0.004 | format_currency }}', '$0.00'],
    ['{{ -0.005 | format_currency }}', '-$0.01'],
    ['{{ -1234.5 | format_currency("EUR") }}', '-€1,234.50'],
    ['{{ 1e21 | format_currency }}', '$1,000,000,000,000,000,000,000.00'],
    ['{{ 100 | format_currency }}', '$100.00'],
    ['{{ 1000 | format_currency }}', '$1,000.00'],
  ])('%j is %j', (template, expected) => {
    expect(value(template)).toBe(expected);
  });

  it('rejects non-numbers and unsupported currencies', () => {
    expect(reason('{{ "5" | format_currency }}')).toBe('Filter error in format_currency: format_currency can only be applied to numbers');
    expect(reason('{{ null | format_currency }}')).toBe('Filter error in format_currency: format_currency can only be applied to numbers');
    expect(reason('{{ 5 | format_currency("JPY") }}')).toBe('Filter error in format_currency: unsupported currency: JPY; supported: USD, EUR, GBP');
    expect(reason('{{ 5 | format_currency("jpy") }}')).toBe('Filter error in format_currency: unsupported currency: JPY; supported: USD, EUR, GBP');
  });
});
