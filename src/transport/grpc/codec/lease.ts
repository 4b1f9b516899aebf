import type { RequestCheck } from '../request-check.js';

/** Lease bounds of the task RPCs, in milliseconds. */
const MIN_LEASE_MS = 1_000;
const MAX_LEASE_MS = 3_600_000;
/** The lease a worker gets when it asks for 0. */
const DEFAULT_LEASE_MS = 60_000;

/** Decodes `lease_duration_ms`: 0 means 60 000; otherwise 1 000 to 3 600 000 (a violation on `check`). */
export function decodeLeaseMs(value: string, check: RequestCheck): number {
  const ms = Number(value);
  if (ms === 0) return DEFAULT_LEASE_MS;
  check.range('lease_duration_ms', ms, MIN_LEASE_MS, MAX_LEASE_MS);
  return ms;
}
