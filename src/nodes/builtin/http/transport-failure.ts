/** Why a request failed below HTTP, in short (`ECONNREFUSED`) and in full (the cause's message). */
export interface TransportFailure {
  readonly reason: string;
  readonly detail: string;
}

function field(value: unknown, key: 'code' | 'message' | 'cause'): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Describes a rejected `fetch` or body read. Node's fetch wraps the real failure as the `cause` of a
 * `TypeError: fetch failed`; the cause's code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`,
 * `ERR_SSL_…`) is the reason when there is one, otherwise its message.
 */
export function describeTransportFailure(error: unknown): TransportFailure {
  const cause = field(error, 'cause') ?? error;
  const code = field(cause, 'code');
  const causeMessage = field(cause, 'message');
  const message = typeof causeMessage === 'string' && causeMessage !== '' ? causeMessage : String(field(error, 'message') ?? error);
  return { reason: typeof code === 'string' && code !== '' ? code : message, detail: message };
}
