import type { JsonObject } from '../../domain/json.js';
import { complete, fail, type Outcome } from '../../domain/outcome.js';
import type { NodeRunContext, NodeType } from '../kit/node-type.js';
import { addFieldError, type ParamSchema } from '../kit/schema.js';
import { fetchFollowingRedirects } from './http/follow-redirects.js';
import { buildOutgoingRequest, type OutgoingRequest } from './http/outgoing-request.js';
import { checkAuth, checkHeaders, checkHttpUrl, checkQueryParams, HTTP_METHODS } from './http/request-params.js';
import { decodeBody, headersObject, readBoundedBody } from './http/response-body.js';
import { describeTransportFailure } from './http/transport-failure.js';

const schema: ParamSchema = {
  fields: {
    url: { type: 'string', required: true, check: checkHttpUrl },
    method: { type: 'enum', values: HTTP_METHODS, caseInsensitive: true, default: 'GET' },
    headers: { type: 'object', default: {}, check: checkHeaders },
    params: { type: 'object', default: {}, check: checkQueryParams },
    body: { type: 'string' },
    json: { type: 'any' },
    timeout: { type: 'integer', min: 1, max: 300_000, default: 30_000 },
    auth: { type: 'object', check: checkAuth },
  },
  refine(params, errors) {
    const hasBody = params.body !== undefined;
    const hasJson = params.json !== undefined;
    if (hasBody && hasJson) addFieldError(errors, 'params.json', 'cannot be combined with body');
    // Fetch cannot send a body with GET or HEAD; refusing it here beats a transport error later.
    else if ((hasBody || hasJson) && (params.method === 'GET' || params.method === 'HEAD')) {
      addFieldError(errors, hasBody ? 'params.body' : 'params.json', 'is invalid');
    }
  },
};

/** Marks the abort our own timer causes, so it is never mistaken for the caller's signal. */
class RequestTimeout extends Error {}

function timeoutMessage(ms: number): string {
  return `Request timed out after ${ms} ms`;
}

function timedOut(request: OutgoingRequest, ms: number, context: NodeRunContext): Outcome {
  const url = request.url.href;
  if (context.connectedPorts.has('timeout')) {
    return complete({ url, method: request.method, timeout_ms: ms, error: { code: 'http_timeout', message: timeoutMessage(ms) } }, 'timeout');
  }
  return fail('http_timeout', timeoutMessage(ms), { url, method: request.method, timeout_ms: ms });
}

function transportError(request: OutgoingRequest, reason: string, detail?: string): Outcome {
  const details: JsonObject = { url: request.url.href, method: request.method, reason };
  return fail('http_error', `Transport error: ${reason}`, detail === undefined || detail === reason ? details : { ...details, cause: detail });
}

async function send(request: OutgoingRequest, context: NodeRunContext, signal: AbortSignal): Promise<Outcome> {
  const followed = await fetchFollowingRedirects(request, context.services.outbound, signal);
  switch (followed.kind) {
    case 'refused':
      return fail('http_error', `Destination not allowed: ${followed.url.host}`, { url: request.url.href, method: request.method, host: followed.url.host });
    case 'failed':
      return transportError(request, followed.reason);
    case 'response': {
      const { response } = followed;
      const limit = context.services.limits.httpMaxBodyBytes;
      const body = await readBoundedBody(response, limit);
      if (body.kind === 'too_large') {
        return fail('http_error', `Response body exceeds ${limit} bytes`, { url: request.url.href, method: request.method, limit_bytes: limit });
      }
      return complete({
        status: response.status,
        headers: headersObject(response.headers),
        body: decodeBody(body.bytes, response.headers.get('content-type')),
      });
    }
  }
}

/**
 * Runs one request. The timeout covers every hop and reading the body. When
 * `context.signal` aborts, the attempt rejects with the signal's reason: the runner that aborted it
 * decides what happens next.
 */
async function execute(params: JsonObject, context: NodeRunContext): Promise<Outcome> {
  const request = buildOutgoingRequest(params, context.runKey);
  const timeoutMs = params.timeout as number;
  const outer = context.signal;
  outer?.throwIfAborted();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestTimeout(timeoutMessage(timeoutMs))), timeoutMs);
  const forward = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', forward, { once: true });
  try {
    return await send(request, context, controller.signal);
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof RequestTimeout) return timedOut(request, timeoutMs, context);
    if (outer?.aborted === true) throw outer.reason;
    const failure = describeTransportFailure(error);
    return transportError(request, failure.reason, failure.detail);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
  }
}

/** `http.request`: a real HTTP request whose every response completes on `main`. */
export const httpRequestNode: NodeType = Object.freeze({
  type: 'http.request',
  description: 'Makes an HTTP request under the egress policy of the service; every response completes on `main` with status, headers and body.',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main', 'timeout'],
  dynamicPorts: false,
  defaultPort: 'main',
  schema,
  rawParams: new Set<string>(),
  firstRunOnlyParams: new Set<string>(),
  sideEffects: true,
  execute,
});
