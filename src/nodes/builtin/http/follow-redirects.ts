import { context, propagation } from '@opentelemetry/api';
import type { OutboundPolicy } from '../../kit/node-services.js';
import { egressAgent, EgressRefused } from './egress-agent.js';
import type { OutgoingRequest } from './outgoing-request.js';

/** The most redirects followed, as in the Fetch standard's HTTP-redirect fetch. */
export const MAX_REDIRECTS = 20;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
// Fetch's request-body-header names, dropped when a redirect turns the request into a GET.
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'] as const;
// Credentials that must not follow a request to another origin (Fetch drops Authorization; undici
// also drops these two).
const CROSS_ORIGIN_DROPPED = ['authorization', 'proxy-authorization', 'cookie'] as const;

/** How following a request ended: a final response, a refused destination, or a transport failure. */
export type FollowResult =
  | { readonly kind: 'response'; readonly response: Response; readonly url: URL }
  | { readonly kind: 'refused'; readonly url: URL }
  | { readonly kind: 'failed'; readonly reason: string };

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body is thrown away; a failure to cancel it changes nothing.
  }
}

/**
 * Sends the request and follows redirects by hand with `redirect: "manual"`, applying the Fetch
 * standard's "follow" rules (method rewrite to GET, body headers dropped, credentials dropped across
 * origins, at most 20 hops) and asking `policy` before every hop, the first one included. A rejected
 * `fetch` (network failure, abort) propagates to the caller; a connection the policy refused once the
 * address was known is a refused destination too.
 */
export async function fetchFollowingRedirects(request: OutgoingRequest, policy: OutboundPolicy, signal: AbortSignal): Promise<FollowResult> {
  let url = request.url;
  let method: string = request.method;
  let body = request.body;
  const headers = new Headers(request.headers);
  // The trace the request runs in (the caller's, through the execution) continues at the destination.
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  for (let redirects = 0; ; redirects++) {
    if (!policy.allows(new URL(url.href))) return { kind: 'refused', url };
    let response: Response;
    try {
      // `dispatcher` is Node's fetch's own option: the pool that checks every address connected to.
      response = await fetch(url, { method, headers, body, redirect: 'manual', signal, dispatcher: egressAgent(policy) } as RequestInit);
    } catch (error) {
      if (error instanceof Error && error.cause instanceof EgressRefused) return { kind: 'refused', url };
      throw error;
    }
    if (!REDIRECT_STATUSES.has(response.status)) return { kind: 'response', response, url };
    const location = response.headers.get('location');
    if (location === null) return { kind: 'response', response, url };
    await discard(response);
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return { kind: 'failed', reason: 'invalid redirect location' };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { kind: 'failed', reason: `redirect to unsupported scheme ${next.protocol}` };
    if (redirects >= MAX_REDIRECTS) return { kind: 'failed', reason: 'too many redirects' };
    const status = response.status;
    if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
      method = 'GET';
      body = null;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    if (next.origin !== url.origin) for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
    // Fetch keeps the request's fragment when the location has none; it is never sent anyway.
    url = next;
  }
}
