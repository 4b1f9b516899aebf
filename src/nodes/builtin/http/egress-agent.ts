import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import type { OutboundPolicy } from '../../kit/node-services.js';

/** A connection the outbound policy refused: the host and the address it resolved to. */
export class EgressRefused extends Error {
  readonly code = 'EGRESS_REFUSED';

  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}, which is not allowed`);
    this.name = 'EgressRefused';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup that keeps only the addresses the policy allows for the host: `net.connect` connects
 * to exactly what it returns, so a name that resolves to a private address (or rebinds to one
 * between two lookups) is refused before any byte is sent.
 */
function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((entry) => policy.allowsAddress(entry.address, hostname));
      const first = allowed[0];
      if (first === undefined) return callback(new EgressRefused(hostname, addresses[0]?.address ?? 'no address'), []);
      if (options.all === true) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}

const agents = new WeakMap<OutboundPolicy, Agent>();

/**
 * The connection pool `http.request` sends through under `policy`: names are resolved by the guarded
 * lookup, and every connection's peer address is judged again once connected (IP literals are not
 * looked up), so the address actually connected to is the one the policy checked.
 */
export function egressAgent(policy: OutboundPolicy): Agent {
  let agent = agents.get(policy);
  if (agent === undefined) {
    const connect = buildConnector({ lookup: guardedLookup(policy) } as buildConnector.BuildOptions);
    agent = new Agent({
      connect: (options, callback) =>
        connect(options, (error, socket) => {
          if (error !== null) return callback(error, null);
          const address = socket.remoteAddress ?? 'unknown';
          if (!policy.allowsAddress(address, options.hostname)) {
            socket.destroy();
            return callback(new EgressRefused(options.hostname, address), null);
          }
          callback(null, socket);
        }),
    });
    agents.set(policy, agent);
  }
  return agent;
}
