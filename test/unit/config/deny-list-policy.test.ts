import { describe, expect, it } from 'vitest';
import { DenyListPolicy } from '../../../src/config/deny-list-policy.js';

const allows = (policy: DenyListPolicy, url: string): boolean => policy.allows(new URL(url));

describe('DenyListPolicy', () => {
  it('allows every destination when nothing is denied', () => {
    const policy = new DenyListPolicy([]);
    expect(allows(policy, 'http://127.0.0.1:8080/x')).toBe(true);
    expect(allows(policy, 'https://example.com/')).toBe(true);
  });

  it('denies exact hosts and addresses, whatever the port, path or case', () => {
    const policy = new DenyListPolicy(['metadata.internal', '169.254.169.254', '::1']);
    expect(allows(policy, 'http://METADATA.internal:8080/computeMetadata')).toBe(false);
    expect(allows(policy, 'http://169.254.169.254/latest')).toBe(false);
    expect(allows(policy, 'http://[::1]:3000/')).toBe(false);
    expect(allows(policy, 'http://other.internal/')).toBe(true);
  });

  it('compares addresses the way the URL parser writes them', () => {
    const policy = new DenyListPolicy(['127.0.0.1', '0:0:0:0:0:0:0:1']);
    expect(allows(policy, 'http://0x7f.1/')).toBe(false);
    expect(allows(policy, 'http://[::1]/')).toBe(false);
  });

  it('denies a leading-dot domain and every host under it, not look-alikes', () => {
    const policy = new DenyListPolicy(['.corp.example']);
    expect(allows(policy, 'https://corp.example/')).toBe(false);
    expect(allows(policy, 'https://db.eu.corp.example/')).toBe(false);
    expect(allows(policy, 'https://corp.example.'.concat('/'))).toBe(false);
    expect(allows(policy, 'https://notcorp.example/')).toBe(true);
  });
});
