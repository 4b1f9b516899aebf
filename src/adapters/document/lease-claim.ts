import type { Lease } from '../../app/ports/execution-store.js';

/**
 * The lease after `owner` claims it at `now` until `until`, or null when another owner holds it
 * unexpired. A lease is expired when `until ≤ now`. Renewing one's own lease keeps the epoch; taking
 * it over (or taking a never-held one) increments it. Shared by every store, so they agree.
 */
export function claimedLease(current: Lease | null, owner: string, until: number, now: number): Lease | null {
  if (current === null) return { owner, epoch: 1, until };
  if (current.owner === owner) return { owner, epoch: current.epoch, until };
  if (current.until > now) return null;
  return { owner, epoch: current.epoch + 1, until };
}

/** True when nobody holds the lease at `now` (none, released, or expired). */
export function leaseFree(lease: Lease | null, now: number): boolean {
  return lease === null || lease.until <= now;
}
