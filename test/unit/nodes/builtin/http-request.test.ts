import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import { httpRequestNode } from '../../../../src/nodes/builtin/http-request.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { testRunContext, type RunContextOptions } from './run-context.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A local server whose routes are keyed by path (without the query). */
async function startServer(routes: Record<string, Handler>): Promise<{ server: Server; base: string; port: number }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const handler = routes[path];
      if (handler === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('no route');
        return;
      }
      handler(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function echo(request: IncomingMessage, response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers, body }));
}

function query(request: IncomingMessage): URLSearchParams {
  return new URL(request.url ?? '/', 'http://x').searchParams;
}

let main: Awaited<ReturnType<typeof startServer>>;
let other: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  other = await startServer({ '/echo': echo });
  main = await startServer({
    '/echo': echo,
    '/json': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"ok":true,"items":[1,2]}');
    },
    '/vnd': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.api+json' });
      response.end('{"data":null}');
    },
    '/bad-json': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{not json');
    },
    '/text': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('héllo wörld');
    },
    '/empty': (_, response) => {
      response.writeHead(204);
      response.end();
    },
    '/empty-json': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
      response.end();
    },
    '/multi': (_, response) => {
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.setHeader('X-Multi', ['one', 'two']);
      response.setHeader('X-Single', 'only');
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    },
    '/status': (request, response) => {
      response.writeHead(Number(query(request).get('code')), { 'content-type': 'application/json' });
      response.end('{"error":"nope"}');
    },
    '/redirect': (request, response) => {
      const params = query(request);
      response.writeHead(Number(params.get('status') ?? '302'), { location: params.get('to') ?? '/echo' });
      response.end('moved');
    },
    '/chain': (request, response) => {
      const left = Number(query(request).get('n'));
      response.writeHead(302, { location: left <= 0 ? '/echo?done=1' : `/chain?n=${left - 1}` });
      response.end();
    },
    '/loop': (_, response) => {
      response.writeHead(302, { location: '/loop' });
      response.end();
    },
    '/no-location': (_, response) => {
      response.writeHead(302, { 'content-type': 'text/plain' });
      response.end('stay');
    },
    '/bad-scheme': (_, response) => {
      response.writeHead(302, { location: 'ftp://example.com/file' });
      response.end();
    },
    '/hang': () => {
      // Never answers.
    },
    '/slow-body': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
      // Never ends the body.
    },
    '/big': (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(Number(query(request).get('n'))));
    },
    '/big-declared': (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' });
      response.end('y'.repeat(5000));
    },
    '/endless': (_, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    },
  });
});

afterAll(async () => {
  await stopServer(main.server);
  await stopServer(other.server);
});

/** Validates params as the engine does, then executes. */
async function run(params: JsonObject, options: RunContextOptions = {}): Promise<Outcome> {
  const validated = validateParams(httpRequestNode.schema, params);
  if (!validated.ok) throw new Error(`invalid params: ${JSON.stringify(validated.errors)}`);
  return httpRequestNode.execute(validated.value, testRunContext(options).context);
}

function output(outcome: Outcome): JsonObject {
  if (outcome.kind !== 'complete') throw new Error(`expected a completion, got ${JSON.stringify(outcome)}`);
  return outcome.output as JsonObject;
}

function echoed(outcome: Outcome): { method: string; url: string; headers: Record<string, string>; body: string } {
  return output(outcome).body as never;
}

function errorOf(outcome: Outcome): { code: string; message: string; details?: JsonObject } {
  if (outcome.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('http.request node type', () => {
  it('declares main in, main and timeout out, main by default, with side effects', () => {
    expect(httpRequestNode.type).toBe('http.request');
    expect(httpRequestNode.inputPorts).toEqual(['main']);
    expect(httpRequestNode.outputPorts).toEqual(['main', 'timeout']);
    expect(httpRequestNode.defaultPort).toBe('main');
    expect(httpRequestNode.sideEffects).toBe(true);
    expect(httpRequestNode.trigger).toBe(false);
  });
});

describe('http.request params', () => {
  const validate = (params: JsonObject) => validateParams(httpRequestNode.schema, params);

  it('fills defaults and normalises the method to upper case', () => {
    expect(validate({ url: 'https://example.com/a', method: 'post' })).toEqual({
      ok: true,
      value: { url: 'https://example.com/a', method: 'POST', headers: {}, params: {}, timeout: 30000 },
    });
  });

  it('requires an absolute http or https url', () => {
    expect(validate({})).toEqual({ ok: false, errors: { 'params.url': ['is required'] } });
    for (const url of ['/relative', 'ftp://example.com/', 'not a url', 'file:///etc/passwd']) {
      expect(validate({ url })).toEqual({ ok: false, errors: { 'params.url': ['must be an http or https URL'] } });
    }
    expect(validate({ url: 'http://user:secret@example.com/' })).toEqual({ ok: false, errors: { 'params.url': ['is invalid'] } });
  });

  it('accepts only the listed methods', () => {
    expect(validate({ url: 'http://a/', method: 'TRACE' })).toEqual({
      ok: false,
      errors: { 'params.method': ['must be one of: GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS'] },
    });
  });

  it('refuses header and query values that are not strings, numbers or booleans', () => {
    expect(validate({ url: 'http://a/', headers: { 'X-A': { nested: 1 } } }).ok).toBe(false);
    expect(validate({ url: 'http://a/', headers: { 'X-A': null } })).toEqual({ ok: false, errors: { 'params.headers': ['is invalid'] } });
    expect(validate({ url: 'http://a/', headers: { 'bad name': 'x' } })).toEqual({ ok: false, errors: { 'params.headers': ['is invalid'] } });
    expect(validate({ url: 'http://a/', headers: { 'X-A': 'line\r\nInjected: 1' } })).toEqual({ ok: false, errors: { 'params.headers': ['is invalid'] } });
    expect(validate({ url: 'http://a/', headers: { 'X-A': 1, 'X-B': true, 'X-C': 'c' } }).ok).toBe(true);
    expect(validate({ url: 'http://a/', params: { a: [1, 'b', false], c: 2 } }).ok).toBe(true);
    expect(validate({ url: 'http://a/', params: { a: [[1]] } })).toEqual({ ok: false, errors: { 'params.params': ['is invalid'] } });
    expect(validate({ url: 'http://a/', params: { a: { b: 1 } } })).toEqual({ ok: false, errors: { 'params.params': ['is invalid'] } });
  });

  it('refuses body together with json at params.json', () => {
    expect(validate({ url: 'http://a/', method: 'POST', body: 'x', json: { a: 1 } })).toEqual({
      ok: false,
      errors: { 'params.json': ['cannot be combined with body'] },
    });
  });

  it('refuses a body on GET or HEAD, which fetch cannot send', () => {
    expect(validate({ url: 'http://a/', body: 'x' })).toEqual({ ok: false, errors: { 'params.body': ['is invalid'] } });
    expect(validate({ url: 'http://a/', method: 'HEAD', json: [1] })).toEqual({ ok: false, errors: { 'params.json': ['is invalid'] } });
  });

  it('bounds the timeout to 1..300000 ms', () => {
    expect(validate({ url: 'http://a/', timeout: 0 })).toEqual({ ok: false, errors: { 'params.timeout': ['must be at least 1'] } });
    expect(validate({ url: 'http://a/', timeout: 300001 })).toEqual({ ok: false, errors: { 'params.timeout': ['must be at most 300000'] } });
    expect(validate({ url: 'http://a/', timeout: '250' })).toMatchObject({ ok: true, value: { timeout: 250 } });
  });

  it('accepts the three auth shapes and nothing else', () => {
    const ok: JsonObject[] = [
      { type: 'basic', username: 'u', password: 'p' },
      { type: 'bearer', token: 't' },
      { type: 'api_key', key: 'k' },
      { type: 'api_key', key: 'k', header: 'X-Token' },
    ];
    for (const auth of ok) expect(validate({ url: 'http://a/', auth }).ok).toBe(true);
    const bad: JsonObject[] = [
      { type: 'digest', username: 'u', password: 'p' },
      { type: 'basic', username: 'u' },
      { type: 'bearer', token: 't', extra: 1 },
      { type: 'bearer', token: '' },
      { type: 'api_key', key: 'k', header: 'bad header' },
      { type: 'api_key', key: 5 },
      { token: 't' },
    ];
    for (const auth of bad) expect(validate({ url: 'http://a/', auth })).toEqual({ ok: false, errors: { 'params.auth': ['is invalid'] } });
    expect(validate({ url: 'http://a/', auth: 'basic' })).toEqual({ ok: false, errors: { 'params.auth': ['is invalid'] } });
  });
});

describe('http.request responses', () => {
  it('completes on main with a parsed JSON body and lower-case headers', async () => {
    const outcome = await run({ url: `${main.base}/json` });
    expect(outcome.kind).toBe('complete');
    expect(outcome.kind === 'complete' ? outcome.port : null).toBeUndefined();
    const out = output(outcome);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true, items: [1, 2] });
    expect((out.headers as JsonObject)['content-type']).toBe('application/json; charset=utf-8');
  });

  it('parses +json media types and falls back to text when JSON does not parse', async () => {
    expect(output(await run({ url: `${main.base}/vnd` })).body).toEqual({ data: null });
    expect(output(await run({ url: `${main.base}/bad-json` })).body).toBe('{not json');
  });

  it('decodes other bodies as UTF-8 text', async () => {
    expect(output(await run({ url: `${main.base}/text` })).body).toBe('héllo wörld');
  });

  it('gives null for an empty body, JSON content type or not', async () => {
    const empty = output(await run({ url: `${main.base}/empty` }));
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(output(await run({ url: `${main.base}/empty-json` })).body).toBeNull();
    expect(output(await run({ url: `${main.base}/json`, method: 'HEAD' })).body).toBeNull();
  });

  it('joins repeated headers with ", ", Set-Cookie included', async () => {
    const headers = output(await run({ url: `${main.base}/multi` })).headers as JsonObject;
    expect(headers['set-cookie']).toBe('a=1, b=2');
    expect(headers['x-multi']).toBe('one, two');
    expect(headers['x-single']).toBe('only');
  });

  it('completes on main for 4xx and 5xx statuses', async () => {
    for (const code of [404, 500, 503]) {
      const outcome = await run({ url: `${main.base}/status?code=${code}` });
      expect(outcome.kind).toBe('complete');
      expect(output(outcome)).toMatchObject({ status: code, body: { error: 'nope' } });
    }
  });
});

describe('http.request requests', () => {
  it('appends params to the URL’s own query, arrays as repeated keys', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo?x=1&y=a%20b`, params: { y: [1, 'two'], flag: true, 'sp ace': 'v&w' } }));
    expect(sent.url).toBe('/echo?x=1&y=a%20b&y=1&y=two&flag=true&sp+ace=v%26w');
  });

  it('sends headers as text', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo`, headers: { 'X-Num': 5, 'X-Bool': false, 'X-Text': 'hi' } }));
    expect(sent.headers).toMatchObject({ 'x-num': '5', 'x-bool': 'false', 'x-text': 'hi' });
  });

  it('serialises json and sets Content-Type unless headers set it', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo`, method: 'POST', json: { a: [1, 'x'] } }));
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toEqual({ a: [1, 'x'] });
    const custom = echoed(await run({ url: `${main.base}/echo`, method: 'PUT', json: [1], headers: { 'content-TYPE': 'application/merge-patch+json' } }));
    expect(custom.headers['content-type']).toBe('application/merge-patch+json');
  });

  it('sends body as is', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo`, method: 'PATCH', body: 'raw ✓ text', headers: { 'Content-Type': 'text/plain' } }));
    expect(sent).toMatchObject({ method: 'PATCH', body: 'raw ✓ text' });
    expect(sent.headers['content-type']).toBe('text/plain');
  });

  it('adds Idempotency-Key with the run key', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo` }, { runKey: 'exec-9:fetch:3' }));
    expect(sent.headers['idempotency-key']).toBe('exec-9:fetch:3');
  });

  it('keeps an Idempotency-Key given in headers, whatever its case', async () => {
    const sent = echoed(await run({ url: `${main.base}/echo`, headers: { 'IDEMPOTENCY-key': 'mine' } }));
    expect(sent.headers['idempotency-key']).toBe('mine');
  });

  it('sends basic, bearer and api_key auth', async () => {
    const basic = echoed(await run({ url: `${main.base}/echo`, auth: { type: 'basic', username: 'ann', password: 'pä:ss' } }));
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('ann:pä:ss', 'utf8').toString('base64')}`);
    const bearer = echoed(await run({ url: `${main.base}/echo`, auth: { type: 'bearer', token: 'tok' } }));
    expect(bearer.headers.authorization).toBe('Bearer tok');
    const apiKey = echoed(await run({ url: `${main.base}/echo`, auth: { type: 'api_key', key: 'k1' } }));
    expect(apiKey.headers['x-api-key']).toBe('k1');
    const named = echoed(await run({ url: `${main.base}/echo`, auth: { type: 'api_key', key: 'k2', header: 'X-Token' } }));
    expect(named.headers['x-token']).toBe('k2');
  });
});

describe('http.request redirects', () => {
  it('follows redirects to the final response', async () => {
    const outcome = await run({ url: `${main.base}/chain?n=3` });
    expect(output(outcome).status).toBe(200);
    expect(echoed(outcome).url).toBe('/echo?done=1');
  });

  it('follows 20 redirects and refuses the 21st', async () => {
    expect(output(await run({ url: `${main.base}/chain?n=19` })).status).toBe(200);
    expect(errorOf(await run({ url: `${main.base}/chain?n=20` }))).toMatchObject({ code: 'http_error', message: 'Transport error: too many redirects' });
    expect(errorOf(await run({ url: `${main.base}/loop` }))).toMatchObject({ code: 'http_error', message: 'Transport error: too many redirects' });
  });

  it('turns POST into GET without body on 302 and 303, and keeps both on 307 and 308', async () => {
    for (const status of [301, 302, 303]) {
      const sent = echoed(await run({ url: `${main.base}/redirect?status=${status}`, method: 'POST', json: { a: 1 } }));
      expect(sent.method).toBe('GET');
      expect(sent.body).toBe('');
      expect(sent.headers['content-type']).toBeUndefined();
    }
    for (const status of [307, 308]) {
      const sent = echoed(await run({ url: `${main.base}/redirect?status=${status}`, method: 'POST', json: { a: 1 } }));
      expect(sent.method).toBe('POST');
      expect(JSON.parse(sent.body)).toEqual({ a: 1 });
    }
    const put = echoed(await run({ url: `${main.base}/redirect?status=303`, method: 'PUT', body: 'x' }));
    expect(put.method).toBe('GET');
    const kept = echoed(await run({ url: `${main.base}/redirect?status=302`, method: 'PUT', body: 'x' }));
    expect(kept).toMatchObject({ method: 'PUT', body: 'x' });
  });

  it('drops Authorization on a redirect to another origin and keeps it on the same origin', async () => {
    const auth = { type: 'bearer', token: 'secret' };
    const same = echoed(await run({ url: `${main.base}/redirect?to=/echo`, auth }));
    expect(same.headers.authorization).toBe('Bearer secret');
    const cross = echoed(await run({ url: `${main.base}/redirect?to=${encodeURIComponent(`${other.base}/echo`)}`, auth }));
    expect(cross.headers.authorization).toBeUndefined();
    expect(cross.headers['idempotency-key']).toBe('exec-1:node:0');
  });

  it('returns a redirect without Location as the response', async () => {
    expect(output(await run({ url: `${main.base}/no-location` }))).toMatchObject({ status: 302, body: 'stay' });
  });

  it('fails on a redirect to a non-http scheme', async () => {
    expect(errorOf(await run({ url: `${main.base}/bad-scheme` })).message).toBe('Transport error: redirect to unsupported scheme ftp:');
  });
});

describe('http.request outbound policy', () => {
  it('refuses a destination before sending', async () => {
    let asked: string | null = null;
    const outcome = await run(
      { url: `${main.base}/echo` },
      {
        outbound: {
          allows: (url) => {
            asked = url.href;
            return false;
          },
          allowsAddress: () => true,
        },
      },
    );
    expect(errorOf(outcome)).toMatchObject({ code: 'http_error', message: `Destination not allowed: 127.0.0.1:${main.port}` });
    expect(asked).toBe(`${main.base}/echo`);
  });

  it('checks every redirect hop', async () => {
    const outbound = { allows: (url: URL) => url.port === String(main.port), allowsAddress: () => true };
    const outcome = await run({ url: `${main.base}/redirect?to=${encodeURIComponent(`${other.base}/echo`)}` }, { outbound });
    expect(errorOf(outcome)).toMatchObject({ code: 'http_error', message: `Destination not allowed: 127.0.0.1:${other.port}` });
  });
});

describe('http.request timeouts', () => {
  const timeoutOutput = (url: string, ms: number) => ({
    url,
    method: 'GET',
    timeout_ms: ms,
    error: { code: 'http_timeout', message: `Request timed out after ${ms} ms` },
  });

  it('completes on the timeout port when it is connected', async () => {
    const outcome = await run({ url: `${main.base}/hang`, timeout: 80 }, { connectedPorts: ['main', 'timeout'] });
    expect(outcome).toEqual({ kind: 'complete', output: timeoutOutput(`${main.base}/hang`, 80), port: 'timeout' });
  });

  it('is the node error http_timeout when the timeout port is not connected', async () => {
    const outcome = await run({ url: `${main.base}/hang`, timeout: 80 });
    expect(errorOf(outcome)).toMatchObject({ code: 'http_timeout', message: 'Request timed out after 80 ms' });
  });

  it('covers reading the body', async () => {
    const outcome = await run({ url: `${main.base}/slow-body`, timeout: 120 }, { connectedPorts: ['main', 'timeout'] });
    expect(outcome).toEqual({ kind: 'complete', output: timeoutOutput(`${main.base}/slow-body`, 120), port: 'timeout' });
  });

  it('rejects with the reason of an aborted context signal', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const pending = run({ url: `${main.base}/hang`, timeout: 10000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 30);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('http.request transport failures', () => {
  it('reports a refused connection', async () => {
    const probe = await startServer({});
    await stopServer(probe.server);
    const outcome = await run({ url: `${probe.base}/` });
    expect(errorOf(outcome)).toMatchObject({ code: 'http_error', message: 'Transport error: ECONNREFUSED' });
  });

  it('reports an unresolvable host', async () => {
    const error = errorOf(await run({ url: 'http://no-such-host.invalid/', timeout: 5000 }));
    expect(error.code).toBe('http_error');
    expect(error.message).toMatch(/^Transport error: /);
  });
});

describe('http.request body limit', () => {
  const limits = { httpMaxBodyBytes: 1000 };

  it('reads a body of exactly the limit', async () => {
    expect(output(await run({ url: `${main.base}/big?n=1000` }, { limits })).body).toBe('x'.repeat(1000));
  });

  it('fails when a streamed body passes the limit', async () => {
    expect(errorOf(await run({ url: `${main.base}/big?n=1001` }, { limits }))).toMatchObject({
      code: 'http_error',
      message: 'Response body exceeds 1000 bytes',
    });
  });

  it('fails at once on a declared Content-Length above the limit', async () => {
    expect(errorOf(await run({ url: `${main.base}/big-declared` }, { limits }))).toMatchObject({
      code: 'http_error',
      message: 'Response body exceeds 1000 bytes',
    });
  });

  it('stops reading an endless body', async () => {
    const outcome = await run({ url: `${main.base}/endless`, timeout: 15000 }, { limits: { httpMaxBodyBytes: 256 * 1024 } });
    expect(errorOf(outcome)).toMatchObject({ code: 'http_error', message: 'Response body exceeds 262144 bytes' });
  });
});
