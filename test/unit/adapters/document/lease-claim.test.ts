import { describe, expect, it } from 'vitest';
import { claimedLease, leaseFree } from '../../../../src/adapters/document/lease-claim.js';

const NOW = 1_000;

describe('claimedLease', () => {
  it('gives a never-held lease epoch 1', () => {
    expect(claimedLease(null, 'a', NOW + 30, NOW)).toEqual({ owner: 'a', epoch: 1, until: NOW + 30 });
  });

  it('renews its own lease under the same epoch, even after it expired', () => {
    expect(claimedLease({ owner: 'a', epoch: 4, until: NOW + 5 }, 'a', NOW + 30, NOW)).toEqual({ owner: 'a', epoch: 4, until: NOW + 30 });
    expect(claimedLease({ owner: 'a', epoch: 4, until: 0 }, 'a', NOW + 30, NOW)).toEqual({ owner: 'a', epoch: 4, until: NOW + 30 });
  });

  it('refuses a lease another owner holds unexpired', () => {
    expect(claimedLease({ owner: 'b', epoch: 4, until: NOW + 1 }, 'a', NOW + 30, NOW)).toBeNull();
  });

  it('takes over an expired or released lease of another owner with the next epoch', () => {
    expect(claimedLease({ owner: 'b', epoch: 4, until: NOW }, 'a', NOW + 30, NOW)).toEqual({ owner: 'a', epoch: 5, until: NOW + 30 });
    expect(claimedLease({ owner: 'b', epoch: 4, until: 0 }, 'a', NOW + 30, NOW)).toEqual({ owner: 'a', epoch: 5, until: NOW + 30 });
  });
});

describe('leaseFree', () => {
  it('is free with no lease, a released one or an expired one, and not while one runs', () => {
    expect(leaseFree(null, NOW)).toBe(true);
    expect(leaseFree({ owner: 'b', epoch: 1, until: 0 }, NOW)).toBe(true);
    expect(leaseFree({ owner: 'b', epoch: 1, until: NOW }, NOW)).toBe(true);
    expect(leaseFree({ owner: 'b', epoch: 1, until: NOW + 1 }, NOW)).toBe(false);
  });
});
