import { isJsonObject, type Json, type JsonObject } from '../../../domain/json.js';
import { parseAuth, scalarText, type HttpMethod } from './request-params.js';

/** The first request `http.request` sends, built from validated params. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly method: HttpMethod;
  readonly headers: Headers;
  readonly body: string | null;
}

function appendQuery(url: URL, params: JsonObject): URL {
  const extra = new URLSearchParams();
  for (const name of Object.keys(params)) {
    const value = params[name] as Json;
    const values: readonly Json[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') extra.append(name, scalarText(item));
    }
  }
  const added = extra.toString();
  if (added === '') return url;
  // Appended as text so the URL's own query keeps its exact encoding.
  const result = new URL(url.href);
  const own = result.search.length > 1 ? result.search.slice(1) : '';
  result.search = own === '' ? added : `${own}&${added}`;
  return result;
}

/**
 * Builds the request from validated params: query params appended, headers as text, the JSON body
 * with its Content-Type unless `headers` sets one, the auth header, and `Idempotency-Key: <runKey>`
 * unless `headers` already has that header.
 */
export function buildOutgoingRequest(params: JsonObject, runKey: string): OutgoingRequest {
  const url = appendQuery(new URL(params.url as string), isJsonObject(params.params) ? params.params : {});
  const method = params.method as HttpMethod;
  const headers = new Headers();
  const given = isJsonObject(params.headers) ? params.headers : {};
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') headers.set(name, scalarText(value));
  }
  let body: string | null = null;
  if (typeof params.body === 'string') body = params.body;
  else if (params.json !== undefined && params.json !== null) {
    body = JSON.stringify(params.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const auth = params.auth === undefined ? null : parseAuth(params.auth);
  if (auth !== null) {
    switch (auth.type) {
      case 'basic':
        headers.set('authorization', `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`);
        break;
      case 'bearer':
        headers.set('authorization', `Bearer ${auth.token}`);
        break;
      case 'api_key':
        headers.set(auth.header, auth.key);
        break;
    }
  }
  if (!headers.has('idempotency-key')) headers.set('idempotency-key', runKey);
  return { url, method, headers, body };
}
