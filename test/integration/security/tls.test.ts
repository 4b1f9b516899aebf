// TLS and mutual TLS from certificate files, and renewed certificates taken up without a restart,
// with certificates made in the test.
import { copyFileSync } from 'node:fs';
import { credentials, Metadata, status, type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthCheckResponse_ServingStatus, HealthClient } from '../../../src/gen/grpc/health/v1/health.js';
import { makeTestCa } from '../../support/test-ca.js';
import { eventually } from '../grpc/support/eventually.js';
import { startTestService, type TestService } from '../grpc/support/test-service.js';

/** One health check over a fresh connection: SERVING, or the call's error. */
async function check(target: string, channel: ChannelCredentials): Promise<HealthCheckResponse_ServingStatus | ServiceError> {
  const client = new HealthClient(target, channel);
  try {
    return await new Promise((resolve) =>
      client.check({ service: '' }, new Metadata(), { deadline: Date.now() + 5000 }, (error, response) => resolve(error ?? response.status)),
    );
  } finally {
    client.close();
  }
}

describe('TLS', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('serves TLS with the configured certificate; a plaintext client cannot talk to it', async () => {
    const ca = makeTestCa();
    const server = ca.issue('server', 'server');
    t = await startTestService({ name: 'memory' }, {}, { PRANA_TLS_CERT_FILE: server.certFile, PRANA_TLS_KEY_FILE: server.keyFile });
    expect(await check(t.target, credentials.createSsl(ca.cert))).toBe(HealthCheckResponse_ServingStatus.SERVING);
    expect(await check(t.target, credentials.createInsecure())).toMatchObject({ code: status.UNAVAILABLE });
    // A client that trusts another CA refuses the server's certificate.
    expect(await check(t.target, credentials.createSsl(makeTestCa('other').cert))).toMatchObject({ code: status.UNAVAILABLE });
  });

  it('requires a client certificate signed by the client CA under mutual TLS', async () => {
    const ca = makeTestCa();
    const server = ca.issue('server', 'server');
    const worker = ca.issue('worker-1', 'client');
    const stranger = makeTestCa('stranger').issue('intruder', 'client');
    t = await startTestService(
      { name: 'memory' },
      {},
      { PRANA_TLS_CERT_FILE: server.certFile, PRANA_TLS_KEY_FILE: server.keyFile, PRANA_TLS_CLIENT_CA_FILE: ca.certFile },
    );
    expect(await check(t.target, credentials.createSsl(ca.cert, worker.key, worker.cert))).toBe(HealthCheckResponse_ServingStatus.SERVING);
    expect(await check(t.target, credentials.createSsl(ca.cert))).toMatchObject({ code: status.UNAVAILABLE });
    expect(await check(t.target, credentials.createSsl(ca.cert, stranger.key, stranger.cert))).toMatchObject({ code: status.UNAVAILABLE });
  });

  it('fails startup naming the file that is missing or does not match', async () => {
    const ca = makeTestCa();
    const server = ca.issue('server', 'server');
    const other = ca.issue('server', 'server');
    await expect(
      startTestService({ name: 'memory' }, {}, { PRANA_TLS_CERT_FILE: '/nonexistent/cert.pem', PRANA_TLS_KEY_FILE: server.keyFile }),
    ).rejects.toThrow(/^PRANA_TLS_CERT_FILE \/nonexistent\/cert\.pem: ENOENT/);
    await expect(startTestService({ name: 'memory' }, {}, { PRANA_TLS_CERT_FILE: server.certFile, PRANA_TLS_KEY_FILE: other.keyFile })).rejects.toThrow(
      /^PRANA_TLS_CERT_FILE \/ PRANA_TLS_KEY_FILE: .*key values mismatch/,
    );
  });

  it('takes up a renewed certificate without a restart', async () => {
    const first = makeTestCa('first');
    const live = first.issue('server', 'server');
    t = await startTestService({ name: 'memory' }, {}, { PRANA_TLS_CERT_FILE: live.certFile, PRANA_TLS_KEY_FILE: live.keyFile, PRANA_TLS_RELOAD_MS: '100' });
    expect(await check(t.target, credentials.createSsl(first.cert))).toBe(HealthCheckResponse_ServingStatus.SERVING);

    const second = makeTestCa('second');
    const renewed = second.issue('server', 'server');
    copyFileSync(renewed.keyFile, live.keyFile);
    copyFileSync(renewed.certFile, live.certFile);
    const target = t.target;
    await eventually(
      async () => (await check(target, credentials.createSsl(second.cert))) === HealthCheckResponse_ServingStatus.SERVING,
      'the renewed certificate served',
      100,
    );
    expect(await check(target, credentials.createSsl(first.cert))).toMatchObject({ code: status.UNAVAILABLE });
  });
});
