// Safe egress through a real service: http.request to a server on 127.0.0.1 is refused by default,
// by address and by a name that resolves to it, and reached once the deployment allows the host.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must } from '../grpc/support/api.js';
import { startTestService } from '../grpc/support/test-service.js';
import { lineWorkflow } from '../grpc/support/workflows.js';

describe('egress of http.request', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits++;
      response.setHeader('content-type', 'application/json');
      response.end('{"secret":"internal"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Runs a one-request workflow on a service with `env`; returns the execution. */
  async function fetchThrough(url: string, env: Record<string, string>) {
    const t = await startTestService({ name: 'memory' }, {}, env);
    try {
      const a = api(t);
      const compiled = must(await a.compile(lineWorkflow('egress', [{ key: 'fetch', type: 'http.request', params: { url, timeout: 5000 } }])));
      expect(compiled.diagnostics).toEqual([]);
      const graphId = compiled.graphId;
      return must(await a.start({ graphId, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL, view: ExecutionView.EXECUTION_VIEW_FULL })).execution;
    } finally {
      await t.close();
    }
  }

  it('refuses 127.0.0.1 by default, as an address and as a name that resolves to it, without a request reaching it', async () => {
    const before = hits;
    for (const url of [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, `http://0x7f.1:${port}/`]) {
      const execution = await fetchThrough(url, {});
      expect(execution?.status, url).toBe(ExecutionStatus.EXECUTION_STATUS_FAILED);
      expect(execution?.error, url).toMatchObject({ code: 'http_error', message: expect.stringMatching(/^Destination not allowed: /) });
    }
    expect(hits).toBe(before);
  });

  it('reaches the server when the allow list names it', async () => {
    const before = hits;
    const execution = await fetchThrough(`http://127.0.0.1:${port}/`, { PRANA_HTTP_ALLOW_HOSTS: '127.0.0.1' });
    expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
    expect(hits).toBe(before + 1);
    const byName = await fetchThrough(`http://localhost:${port}/`, { PRANA_HTTP_ALLOW_HOSTS: 'localhost' });
    expect(byName?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
  });
});
