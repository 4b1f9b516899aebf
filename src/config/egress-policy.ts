import { isIP } from 'node:net';
import type { OutboundPolicy } from '../nodes/kit/node-services.js';
import { isSpecialAddress } from './special-addresses.js';

/**
 * The outbound HTTP policy of `http.request`. Before connecting, a denied host is refused, and so is
 * an IP literal in a special range (loopback, private, link-local, unique-local, metadata …) that is
 * not allowed. On connecting, the address actually connected to is judged again, so a name that
 * resolves (or rebinds) to a special address is refused too. `allow` lists hosts (names, addresses,
 * or `.domain` for every host under it) a deployment needs to reach even at special addresses.
 * Names and addresses are compared the way the URL parser writes them, so `0x7f.1` is `127.0.0.1`.
 */
export class EgressPolicy implements OutboundPolicy {
  private readonly deny: HostSet;
  private readonly allow: HostSet;

  constructor(lists: { readonly deny: readonly string[]; readonly allow: readonly string[] }) {
    this.deny = new HostSet(lists.deny);
    this.allow = new HostSet(lists.allow);
  }

  allows(url: URL): boolean {
    const host = canonicalHost(url.hostname);
    if (this.deny.has(host)) return false;
    return isIP(host) === 0 || this.allowsAddress(host, host);
  }

  allowsAddress(address: string, host: string): boolean {
    const name = canonicalHost(host);
    const ip = canonicalHost(address);
    if (this.deny.has(name) || this.deny.has(ip)) return false;
    return !isSpecialAddress(ip) || this.allow.has(name) || this.allow.has(ip);
  }
}

/** Hosts matched exactly, and domains matched with every host under them. */
class HostSet {
  private readonly exact = new Set<string>();
  private readonly domains: string[] = [];

  constructor(hosts: readonly string[]) {
    for (const entry of hosts) {
      if (entry.startsWith('.')) this.domains.push(canonicalHost(entry.slice(1)));
      else this.exact.add(canonicalHost(entry));
    }
  }

  has(host: string): boolean {
    return this.exact.has(host) || this.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
  }
}

/** A host as the WHATWG URL parser writes it, without IPv6 brackets or a trailing dot. */
function canonicalHost(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  try {
    const parsed = new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname;
    return parsed.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  } catch {
    return bare.toLowerCase();
  }
}
