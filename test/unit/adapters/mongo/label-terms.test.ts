import { describe, expect, it } from 'vitest';
import { labelsOfTerms, labelTerms } from '../../../../src/adapters/mongo/label-terms.js';

describe('label terms', () => {
  it('writes each label as key=value and reads it back, dots and = in values included', () => {
    const labels = { 'team.name': 'core', env: 'a=b', empty: '' };
    const terms = labelTerms(labels);
    expect(terms).toEqual(['team.name=core', 'env=a=b', 'empty=']);
    expect(labelsOfTerms(terms)).toEqual(labels);
  });

  it('keeps a label named __proto__ as a plain label', () => {
    const labels = labelsOfTerms(['__proto__=x']);
    expect(Object.keys(labels)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
  });
});
