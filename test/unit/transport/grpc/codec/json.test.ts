import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../../src/app/app-error.js';
import { decodeJson, decodeStruct } from '../../../../../src/transport/grpc/codec/json.js';

function violation(work: () => unknown): { field: string; description: string } | undefined {
  try {
    work();
  } catch (error) {
    return (error as AppError).fieldViolations[0];
  }
  throw new Error('decoded without error');
}

describe('decodeJson', () => {
  it('reads an absent Value as null and keeps plain values, lists and objects', () => {
    expect(decodeJson(undefined, 'input')).toBeNull();
    expect(decodeJson({ a: [1, 'x', true, null, undefined], b: {} }, 'input')).toEqual({ a: [1, 'x', true, null, null], b: {} });
  });

  it('refuses a non-finite number, naming its path in the request', () => {
    expect(violation(() => decodeJson({ rows: [{ v: 1 }, { v: Number.NaN }] }, 'input'))).toEqual({
      field: 'input["rows"][1]["v"]',
      description: 'numbers must be finite (JSON has no NaN or Infinity)',
    });
    expect(violation(() => decodeJson(Number.POSITIVE_INFINITY, 'data'))?.field).toBe('data');
  });

  it('refuses values JSON cannot hold', () => {
    expect(violation(() => decodeJson(10n, 'input'))?.description).toBe('unsupported value of type bigint');
  });

  it('rebuilds objects from their own keys only', () => {
    const inherited = Object.create({ leaked: 1 }) as Record<string, unknown>;
    inherited.own = 2;
    const decoded = decodeJson(inherited, 'input') as Record<string, unknown>;
    expect(decoded).toEqual({ own: 2 });
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect('leaked' in decoded).toBe(false);
  });
});

describe('decodeStruct', () => {
  it('is undefined for an absent Struct and an object otherwise', () => {
    expect(decodeStruct(undefined, 'variables')).toBeUndefined();
    expect(decodeStruct({ a: 1 }, 'variables')).toEqual({ a: 1 });
  });
});
