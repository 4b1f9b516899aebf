import { invalidRequest } from '../../../app/app-error.js';

/** Encodes epoch milliseconds as a google.protobuf.Timestamp field (ts-proto uses Date); absent for null. */
export function encodeTime(ms: number | null | undefined): Date | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms);
}

/** Decodes a google.protobuf.Timestamp field into epoch milliseconds; undefined when absent. */
export function decodeTime(value: Date | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw invalidRequest([{ field, description: 'is not a valid timestamp' }]);
  return ms;
}
