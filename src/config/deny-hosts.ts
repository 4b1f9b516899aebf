import { ConfigError } from './config-error.js';

const HOST = /^(\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?|[0-9a-f:.]+|\[[0-9a-f:.]+\])$/;

/**
 * Parses a comma-separated list of hosts `http.request` may not reach: host names (`metadata.internal`),
 * IPv4 or IPv6 addresses (`169.254.169.254`, `::1`), or a leading-dot domain (`.corp.example`) for every
 * host under it. Case-insensitive; blanks between commas are ignored; IPv6 brackets are dropped.
 */
export function parseDenyHosts(variable: string, value: string | undefined): readonly string[] {
  if (value === undefined) return Object.freeze([]);
  const hosts: string[] = [];
  for (const raw of value.split(',')) {
    const host = raw.trim().toLowerCase();
    if (host === '') continue;
    if (!HOST.test(host)) {
      throw new ConfigError(variable, `invalid host ${JSON.stringify(raw.trim())}: expected a host name, an IP address or a .domain, separated by commas`);
    }
    hosts.push(host.startsWith('[') ? host.slice(1, -1) : host);
  }
  return Object.freeze(hosts);
}
