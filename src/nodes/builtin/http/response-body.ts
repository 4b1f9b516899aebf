import type { Json, JsonObject } from '../../../domain/json.js';

/** A body read under a byte limit: its bytes, or the fact that it was larger than the limit. */
export type BoundedBody = { readonly kind: 'read'; readonly bytes: Uint8Array } | { readonly kind: 'too_large' };

/**
 * Reads a response body as a stream and stops as soon as it passes `limit` bytes, so no more than
 * the limit (plus one chunk) is ever held. A declared Content-Length above the limit stops it before
 * reading. Read errors (reset connection, abort) propagate.
 */
export async function readBoundedBody(response: Response, limit: number): Promise<BoundedBody> {
  const declared = response.headers.get('content-length');
  const stream = response.body;
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
    await stream?.cancel().catch(() => undefined);
    return { kind: 'too_large' };
  }
  if (stream === null) return { kind: 'read', bytes: new Uint8Array(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too_large' };
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'read', bytes };
}

/** True for `application/json` and any `…+json` media type (parameters ignored). */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const media = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return media === 'application/json' || media.endsWith('+json');
}

/**
 * The output form of a body: null when empty, parsed JSON for a JSON media type
 * when it parses, otherwise the text decoded as UTF-8 (invalid sequences replaced, BOM dropped).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): Json {
  if (bytes.byteLength === 0) return null;
  const text = new TextDecoder('utf-8').decode(bytes);
  if (isJsonMediaType(contentType)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

/** Response headers with lower-case names; repeated headers (Set-Cookie too) joined with ", ". */
export function headersObject(headers: Headers): JsonObject {
  const joined = new Map<string, string>();
  for (const [name, value] of headers) {
    const previous = joined.get(name);
    joined.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  // fromEntries defines own properties, so a header named __proto__ stays an ordinary key.
  return Object.fromEntries(joined);
}
