import { BlockList, isIP } from 'node:net';

/**
 * Addresses `http.request` does not reach unless a deployment allows them: loopback, private
 * (RFC 1918), shared (RFC 6598), link-local (cloud metadata at 169.254.169.254 among them),
 * unique-local IPv6 (fd00:ec2::254 among them), unspecified, multicast, benchmark and reserved ranges.
 */
const SPECIAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  SPECIAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  SPECIAL.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address in a special range; an IPv4-mapped IPv6 address is judged by its IPv4 address. */
export function isSpecialAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped !== null) return SPECIAL.check(mapped[1] as string, 'ipv4');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 6 && /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/i.test(bare)) {
    const [high, low] = bare
      .slice(7)
      .split(':')
      .map((part) => parseInt(part, 16)) as [number, number];
    return SPECIAL.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return SPECIAL.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
