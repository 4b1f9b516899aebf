import { describe, expect, it } from 'vitest';
import { closestName } from '../../../src/domain/did-you-mean.js';

describe('closestName', () => {
  const filters = ['upper_case', 'lower_case', 'filter', 'first', 'to_json', 'round'];

  it('finds typos, other casings and separators, and longer spellings of the same start', () => {
    expect(closestName('upcase', filters)).toBe('upper_case');
    expect(closestName('UpperCase', filters)).toBe('upper_case');
    expect(closestName('tojson', filters)).toBe('to_json');
    expect(closestName('frist', filters)).toBe('first');
    expect(closestName('http.requst', ['http.request', 'code.javascript'])).toBe('http.request');
  });

  it('suggests nothing for a name that is not near any', () => {
    expect(closestName('no_such_filter', filters)).toBeNull();
    expect(closestName('nope', filters)).toBeNull();
    expect(closestName('x', [])).toBeNull();
  });
});
