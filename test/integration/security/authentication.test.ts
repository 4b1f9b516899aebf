// Authentication and scopes on a real service: API keys stored as SHA-256 digests, JWTs verified
// against a key set, the scope of each group of RPCs, and health without a token while it is public.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthCheckResponse_ServingStatus, HealthClient } from '../../../src/gen/grpc/health/v1/health.js';
import type { UnaryMethod } from '../grpc/support/calls.js';
import { expectStatus } from '../grpc/support/expect-status.js';
import { startTestService, type TestService } from '../grpc/support/test-service.js';
import { webhookWorkflow } from '../grpc/support/workflows.js';

const READER_KEY = 'reader-key-0123456789';
const WRITER_KEY = 'writer-key-0123456789';
const ADMIN_KEY = 'admin-key-0123456789';
const TEAM_A_KEY = 'team-a-key-0123456789';
const ALL_KEY = 'all-namespaces-key-0123456789';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'prana';

/**
 * Calls with `authorization: <value>` (none when undefined) in `namespace` (none: the default);
 * resolves with the error or the response.
 */
function callWith<Request, Response>(
  authorization: string | undefined,
  method: UnaryMethod<Request, Response>,
  request: Request,
  namespace?: string,
): Promise<ServiceError | Response> {
  const metadata = new Metadata();
  if (authorization !== undefined) metadata.set('authorization', authorization);
  if (namespace !== undefined) metadata.set('prana-namespace', namespace);
  return new Promise((resolve) => method(request, metadata, { deadline: Date.now() + 10_000 }, (error, response) => resolve(error ?? response)));
}

function asError(outcome: unknown): ServiceError {
  if (!(outcome instanceof Error)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome as ServiceError;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');

describe('authentication', () => {
  let t: TestService;
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;

  async function jwt(claims: Record<string, unknown>, options: { key?: CryptoKey; expiresIn?: string; audience?: string } = {}): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'test' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('svc-orders')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const dir = await mkdtemp(join(tmpdir(), 'prana-auth-'));
    const jwksFile = join(dir, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'test', alg: 'ES256' }] }));
    t = await startTestService(
      { name: 'memory' },
      {},
      {
        PRANA_API_KEYS: JSON.stringify([
          { name: 'dashboard', sha256: digest(READER_KEY), scopes: ['read'] },
          { name: 'orders', sha256: digest(WRITER_KEY), scopes: ['write', 'read'] },
          { name: 'ops', sha256: digest(ADMIN_KEY), scopes: ['admin'] },
          { name: 'team-a', sha256: digest(TEAM_A_KEY), scopes: ['write', 'read'], namespaces: ['team-a'] },
          { name: 'platform', sha256: digest(ALL_KEY), scopes: ['read', 'write'], namespaces: ['*'] },
        ]),
        PRANA_JWT_JWKS_FILE: jwksFile,
        PRANA_JWT_ISSUER: ISSUER,
        PRANA_JWT_AUDIENCE: AUDIENCE,
      },
    );
  });
  afterAll(() => t.close());

  const compile = (authorization: string | undefined) =>
    callWith(authorization, t.workflows.compileWorkflow.bind(t.workflows), { workflow: webhookWorkflow() });
  const get = (authorization: string | undefined) => callWith(authorization, t.executions.getExecution.bind(t.executions), { executionId: 'nope', view: 0 });

  it('refuses a call without a token, or with an unknown, malformed or badly signed one: UNAUTHENTICATED', async () => {
    for (const authorization of [undefined, 'Bearer not-a-key', 'Basic abc', `Bearer ${await jwt({ scope: 'read' }, { key: otherKey })}`]) {
      expectStatus(asError(await compile(authorization)), { code: status.UNAUTHENTICATED, reason: 'unauthenticated' });
    }
  });

  it('refuses a token lacking the scope: PERMISSION_DENIED naming the scope', async () => {
    const status_ = expectStatus(asError(await compile(`Bearer ${READER_KEY}`)), {
      code: status.PERMISSION_DENIED,
      reason: 'permission_denied',
      metadata: { method: 'prana.v1.WorkflowService/CompileWorkflow', scope: 'write' },
    });
    expect(status_.message).toBe('dashboard may not call prana.v1.WorkflowService/CompileWorkflow: it needs the write scope');
    expectStatus(
      asError(
        await callWith(`Bearer ${READER_KEY}`, t.tasks.pollTasks.bind(t.tasks), {
          taskTypes: ['x'],
          workerId: 'w',
          maxTasks: 1,
          leaseDurationMs: '0',
          waitMs: '0',
        }),
      ),
      {
        code: status.PERMISSION_DENIED,
        reason: 'permission_denied',
      },
    );
  });

  it('serves a key with the scope, and admin everywhere', async () => {
    expect(await compile(`Bearer ${WRITER_KEY}`)).toMatchObject({ graphId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await compile(`bearer ${ADMIN_KEY}`)).toMatchObject({ graphId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Past authentication, the call reaches the service: an unknown execution is NOT_FOUND.
    expectStatus(asError(await get(`Bearer ${READER_KEY}`)), { code: status.NOT_FOUND, reason: 'not_found' });
  });

  it('serves a JWT by its scope claim, and refuses an expired one or one for another audience', async () => {
    expectStatus(asError(await get(`Bearer ${await jwt({ scope: 'read resume' })}`)), { code: status.NOT_FOUND, reason: 'not_found' });
    expectStatus(asError(await compile(`Bearer ${await jwt({ scp: ['read'] })}`)), { code: status.PERMISSION_DENIED, reason: 'permission_denied' });
    const expired = asError(await get(`Bearer ${await jwt({ scope: 'read' }, { expiresIn: '-1m' })}`));
    expect(expectStatus(expired, { code: status.UNAUTHENTICATED, reason: 'unauthenticated' }).message).toBe('the token has expired');
    expectStatus(asError(await get(`Bearer ${await jwt({ scope: 'read' }, { audience: 'other' })}`)), {
      code: status.UNAUTHENTICATED,
      reason: 'unauthenticated',
    });
  });

  it('serves a credential in the namespaces it grants only: PERMISSION_DENIED naming the namespace otherwise', async () => {
    const compileIn = (key: string, namespace?: string) =>
      callWith(`Bearer ${key}`, t.workflows.compileWorkflow.bind(t.workflows), { workflow: webhookWorkflow() }, namespace);
    expect(await compileIn(TEAM_A_KEY, 'team-a')).toMatchObject({ graphId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    for (const namespace of ['team-b', undefined, 'default']) {
      const refused = expectStatus(asError(await compileIn(TEAM_A_KEY, namespace)), {
        code: status.PERMISSION_DENIED,
        reason: 'permission_denied',
        metadata: { method: 'prana.v1.WorkflowService/CompileWorkflow', namespace: namespace ?? 'default' },
      });
      expect(refused.message).toBe(`team-a may not work in namespace ${namespace ?? 'default'}`);
    }
    // A key that names no namespaces works in the default one only; `*` grants every namespace.
    expectStatus(asError(await compileIn(WRITER_KEY, 'team-a')), { code: status.PERMISSION_DENIED, reason: 'permission_denied' });
    for (const namespace of ['team-a', 'team-b', undefined]) expect(await compileIn(ALL_KEY, namespace)).toMatchObject({ graphId: expect.any(String) });
    // A JWT grants the namespaces of its prana_namespaces claim (an array or a space-separated string).
    const teamToken = await jwt({ scope: 'write', prana_namespaces: ['team-a', 'team-c'] });
    expect(await compileIn(teamToken, 'team-c')).toMatchObject({ graphId: expect.any(String) });
    expectStatus(asError(await compileIn(teamToken)), {
      code: status.PERMISSION_DENIED,
      reason: 'permission_denied',
      metadata: { method: 'prana.v1.WorkflowService/CompileWorkflow', namespace: 'default' },
    });
    expect(await compileIn(await jwt({ scope: 'write', prana_namespaces: 'team-d team-e' }), 'team-e')).toMatchObject({ graphId: expect.any(String) });
    expect(await compileIn(await jwt({ scope: 'write' }))).toMatchObject({ graphId: expect.any(String) });
    expectStatus(asError(await compileIn(await jwt({ scope: 'write' }), 'team-a')), { code: status.PERMISSION_DENIED, reason: 'permission_denied' });
  });

  it('refuses a malformed namespace as INVALID_ARGUMENT naming the metadata', async () => {
    for (const namespace of ['Team-A', '-a', 'a'.repeat(64), 'a/b']) {
      const error = asError(await callWith(`Bearer ${ALL_KEY}`, t.workflows.compileWorkflow.bind(t.workflows), { workflow: webhookWorkflow() }, namespace));
      expectStatus(error, { code: status.INVALID_ARGUMENT, reason: 'invalid_request', fields: ['prana-namespace'] });
    }
  });

  it('refuses a stream without a token before it starts', async () => {
    const stream = t.executions.watchExecution({ executionId: 'x', afterSeq: '0' });
    const error = await new Promise<ServiceError>((resolve) => stream.on('error', resolve));
    expectStatus(error, { code: status.UNAUTHENTICATED, reason: 'unauthenticated' });
  });

  it('answers health without a token', async () => {
    const health = new HealthClient(t.target, credentials.createInsecure());
    try {
      const response = await new Promise((resolve, reject) => health.check({ service: '' }, (error, value) => (error ? reject(error) : resolve(value))));
      expect(response).toEqual({ status: HealthCheckResponse_ServingStatus.SERVING });
    } finally {
      health.close();
    }
  });
});

describe('health behind authentication (PRANA_PUBLIC_HEALTH=false)', () => {
  it('asks health callers for a token too', async () => {
    const t = await startTestService(
      { name: 'memory' },
      {},
      {
        PRANA_API_KEYS: JSON.stringify([{ name: 'probe', sha256: digest(READER_KEY), scopes: ['read'] }]),
        PRANA_PUBLIC_HEALTH: 'false',
      },
    );
    const health = new HealthClient(t.target, credentials.createInsecure());
    try {
      const check = (authorization: string | undefined) => callWith(authorization, health.check.bind(health), { service: '' });
      expectStatus(asError(await check(undefined)), { code: status.UNAUTHENTICATED, reason: 'unauthenticated' });
      expect(await check(`Bearer ${READER_KEY}`)).toEqual({ status: HealthCheckResponse_ServingStatus.SERVING });
    } finally {
      health.close();
      await t.close();
    }
  });
});
