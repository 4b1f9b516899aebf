import { isJsonObject, type Json, type JsonObject } from '../../../domain/json.js';

/** The HTTP methods `http.request` accepts, in the spec's order. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'] as const;

/** One of the accepted HTTP methods, upper case. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** The header `api_key` auth uses when it names none. */
export const DEFAULT_API_KEY_HEADER = 'X-API-Key';

// RFC 9110 §5.1 field names are tokens.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values may not hold NUL, CR or LF, and must be bytes (Latin-1) once sent.
const BAD_FIELD_VALUE = /[\0\r\n]|[^\0-\u00ff]/;

/** A query or header value: what the spec allows as text. */
type Scalar = string | number | boolean;

function isScalar(value: Json | undefined): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** The text form of a scalar, as the schema's string cast writes it. */
export function scalarText(value: Scalar): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

/** True when `name` can be sent as an HTTP header name. */
export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

/** Schema check for `url`: an absolute http or https URL without credentials. */
export function checkHttpUrl(value: Json): string | null {
  if (typeof value !== 'string') return 'must be an http or https URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  // Fetch refuses URLs that carry credentials; `auth` is the way to send them.
  if (url.username !== '' || url.password !== '') return 'is invalid';
  return null;
}

/** Schema check for `headers`: token names, and string, number or boolean values that can be sent. */
export function checkHeaders(value: Json): string | null {
  if (!isJsonObject(value)) return 'is invalid';
  for (const name of Object.keys(value)) {
    const item = value[name];
    if (!isHeaderName(name) || !isScalar(item)) return 'is invalid';
    if (BAD_FIELD_VALUE.test(scalarText(item))) return 'is invalid';
  }
  return null;
}

/** Schema check for `params`: scalar values, or arrays of scalars that become repeated keys. */
export function checkQueryParams(value: Json): string | null {
  if (!isJsonObject(value)) return 'is invalid';
  for (const name of Object.keys(value)) {
    const item = value[name];
    if (isScalar(item)) continue;
    if (Array.isArray(item) && item.every((element: Json) => isScalar(element))) continue;
    return 'is invalid';
  }
  return null;
}

/** Validated `auth` param. */
export type HttpAuth =
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'api_key'; readonly key: string; readonly header: string };

function hasExactly(value: JsonObject, required: readonly string[], optional: readonly string[] = []): boolean {
  for (const key of required) if (typeof value[key] !== 'string') return false;
  for (const key of optional) if (Object.prototype.hasOwnProperty.call(value, key) && typeof value[key] !== 'string') return false;
  return Object.keys(value).every((key) => required.includes(key) || optional.includes(key));
}

/**
 * Reads an `auth` object, or returns null when it is not exactly one of the three shapes: string
 * fields only, no extra keys, non-empty token, key and header name.
 */
export function parseAuth(value: Json): HttpAuth | null {
  if (!isJsonObject(value)) return null;
  switch (value.type) {
    case 'basic':
      if (!hasExactly(value, ['type', 'username', 'password'])) return null;
      return { type: 'basic', username: value.username as string, password: value.password as string };
    case 'bearer': {
      if (!hasExactly(value, ['type', 'token'])) return null;
      const token = value.token as string;
      return token === '' || BAD_FIELD_VALUE.test(token) ? null : { type: 'bearer', token };
    }
    case 'api_key': {
      if (!hasExactly(value, ['type', 'key'], ['header'])) return null;
      const key = value.key as string;
      const header = typeof value.header === 'string' ? value.header : DEFAULT_API_KEY_HEADER;
      if (key === '' || BAD_FIELD_VALUE.test(key) || !isHeaderName(header)) return null;
      return { type: 'api_key', key, header };
    }
    default:
      return null;
  }
}

/** Schema check for `auth`: anything but the three documented shapes is `is invalid`. */
export function checkAuth(value: Json): string | null {
  return parseAuth(value) === null ? 'is invalid' : null;
}
