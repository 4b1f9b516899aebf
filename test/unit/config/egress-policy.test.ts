import { describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../../src/config/egress-policy.js';
import { isSpecialAddress } from '../../../src/config/special-addresses.js';

const allows = (policy: EgressPolicy, url: string): boolean => policy.allows(new URL(url));
const policyOf = (deny: readonly string[] = [], allow: readonly string[] = []): EgressPolicy => new EgressPolicy({ deny, allow });

describe('EgressPolicy', () => {
  it('allows public destinations, and refuses special addresses by default', () => {
    const policy = policyOf();
    expect(allows(policy, 'https://example.com/')).toBe(true);
    expect(allows(policy, 'http://93.184.216.34/')).toBe(true);
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://0x7f.1/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://169.254.169.254/latest',
      'http://[fd00:ec2::254]/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(allows(policy, url), url).toBe(false);
    }
    // A name is judged by the address it resolves to, once connecting.
    expect(policy.allowsAddress('10.0.0.5', 'internal.example.com')).toBe(false);
    expect(policy.allowsAddress('93.184.216.34', 'example.com')).toBe(true);
  });

  it('reaches allowed hosts and addresses even at special addresses', () => {
    const policy = policyOf([], ['127.0.0.1', '.svc.cluster.local']);
    expect(allows(policy, 'http://127.0.0.1:8080/x')).toBe(true);
    expect(policy.allowsAddress('10.0.0.5', 'orders.svc.cluster.local')).toBe(true);
    expect(policy.allowsAddress('10.0.0.5', 'orders.example.com')).toBe(false);
  });

  it('denies exact hosts and addresses, whatever the port, path or case', () => {
    const policy = policyOf(['metadata.internal', '93.184.216.34']);
    expect(allows(policy, 'http://METADATA.internal:8080/computeMetadata')).toBe(false);
    expect(allows(policy, 'http://93.184.216.34/latest')).toBe(false);
    expect(policy.allowsAddress('93.184.216.34', 'example.com')).toBe(false);
    expect(allows(policy, 'http://other.example/')).toBe(true);
  });

  it('denies a leading-dot domain and every host under it, not look-alikes', () => {
    const policy = policyOf(['.corp.example']);
    expect(allows(policy, 'https://corp.example/')).toBe(false);
    expect(allows(policy, 'https://db.eu.corp.example/')).toBe(false);
    expect(allows(policy, 'https://corp.example./')).toBe(false);
    expect(allows(policy, 'https://notcorp.example/')).toBe(true);
  });
});

describe('isSpecialAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.255.0.1', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['100.64.0.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00:ec2::254', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:a00:1', true],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
    ['::ffff:8.8.8.8', false],
  ])('%s is special: %s', (address, special) => {
    expect(isSpecialAddress(address)).toBe(special);
  });
});
