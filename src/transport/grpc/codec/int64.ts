import { invalidRequest } from '../../../app/app-error.js';

/** Encodes a whole number as an int64 field (ts-proto carries int64 as a decimal string). */
export function encodeInt64(value: number): string {
  return String(Math.trunc(value));
}

/**
 * Decodes an int64 field (a decimal string) and checks it lies in [min, max]; outside, the request is
 * INVALID_ARGUMENT with a field violation naming `field`.
 */
export function decodeInt64(value: string, field: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw invalidRequest([{ field, description: `must be from ${min} to ${max}` }]);
  }
  return number;
}
