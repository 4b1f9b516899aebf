import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/app/app-error.js';
import { jsonBytes, RequestCheck } from '../../../src/app/request-check.js';

function failure(check: RequestCheck): AppError {
  try {
    check.done();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('the check passed');
}

describe('RequestCheck', () => {
  it('passes a request with no violation', () => {
    expect(() =>
      new RequestCheck()
        .required('graph_id', 'g')
        .maxLength('request_id', 'r', 5)
        .matches('queue', 'q1', /^[a-z0-9]+$/, 'letters and digits')
        .range('limit', 5, 1, 10)
        .maxBytes('input', { a: 1 }, 100)
        .maxBytes('data', undefined, 0)
        .done(),
    ).not.toThrow();
  });

  it('collects every violation of one request, in order, into one invalid_request', () => {
    const error = failure(
      new RequestCheck()
        .required('graph_id', '')
        .maxLength('request_id', 'abcdef', 5)
        .matches('queue', 'Q!', /^[a-z0-9]+$/, 'must be letters and digits')
        .range('limit', 0, 1, 10)
        .range('page', Number.NaN, 1, 10),
    );
    expect(error.reason).toBe('invalid_request');
    expect(error.fieldViolations).toEqual([
      { field: 'graph_id', description: 'is required' },
      { field: 'request_id', description: 'must be at most 5 characters' },
      { field: 'queue', description: 'must be letters and digits' },
      { field: 'limit', description: 'must be from 1 to 10' },
      { field: 'page', description: 'must be from 1 to 10' },
    ]);
  });

  it('reports the measured size and the limit of a payload that is too large', () => {
    const input = { text: 'x'.repeat(20) };
    const error = failure(new RequestCheck().maxBytes('input', input, 10));
    expect(error.fieldViolations).toEqual([{ field: 'input', description: 'must be at most 10 bytes serialised as JSON' }]);
    expect(error.metadata).toEqual({ input_bytes: String(jsonBytes(input)), input_limit: '10' });
  });

  it('measures JSON in UTF-8 bytes, not characters', () => {
    expect(jsonBytes('é')).toBe(4);
    expect(jsonBytes(undefined)).toBe(0);
    expect(jsonBytes({ a: [1, null] })).toBe(JSON.stringify({ a: [1, null] }).length);
  });
});
