import type { OutboundPolicy } from '../nodes/kit/node-services.js';

/**
 * The outbound HTTP policy of `http.request` (SEMANTICS.md §12.13): every destination is allowed
 * except the denied hosts. An entry matches the host exactly (names and addresses are compared the
 * way the URL parser writes them, so `0x7f.1` is `127.0.0.1`); an entry with a leading dot also
 * matches every host under that domain.
 */
export class DenyListPolicy implements OutboundPolicy {
  private readonly exact = new Set<string>();
  private readonly domains: string[] = [];

  constructor(hosts: readonly string[]) {
    for (const entry of hosts) {
      if (entry.startsWith('.')) this.domains.push(canonicalHost(entry.slice(1)));
      else this.exact.add(canonicalHost(entry));
    }
  }

  allows(url: URL): boolean {
    const host = canonicalHost(url.hostname);
    if (this.exact.has(host)) return false;
    return !this.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
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
