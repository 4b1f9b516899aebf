import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { ConfigError } from '../../../src/config/config-error.js';

/** The ConfigError loadConfig throws for this environment. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('takes every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      grpcAddress: { host: '127.0.0.1', port: 50051, text: '127.0.0.1:50051' },
      mongodb: undefined,
      logLevel: 'info',
      shutdownGraceMs: 5000,
      tokenSecret: undefined,
      httpDenyHosts: [],
      env: {},
      maxDocumentBytes: 8 * 1024 * 1024,
      inlineOutputBytes: 64 * 1024,
      maxLoopIterations: 10_000,
      leaseMs: 30_000,
      pollMs: 1000,
      httpAllowHosts: [],
      auth: { kind: 'open', why: 'loopback' },
      publicHealth: true,
      reflection: true,
      tls: undefined,
      metricsAddress: undefined,
      retentionMs: 0,
      memoryMaxEnded: 10_000,
      retentionByNamespace: {},
      tracing: false,
    });
  });

  describe('unknown variables', () => {
    it('names a misspelt PRANA_ variable and the one it probably meant', () => {
      expect(refusal({ PRANA_LOGLEVEL: 'debug' }).message).toBe('PRANA_LOGLEVEL: unknown variable; did you mean PRANA_LOG_LEVEL?');
      expect(refusal({ PRANA_WHATEVER_ELSE_ENTIRELY: '1' }).message).toBe('PRANA_WHATEVER_ELSE_ENTIRELY: unknown variable');
    });

    it('reports every problem at once, and leaves other variables alone', () => {
      const error = refusal({ PRANA_LOGLEVEL: 'debug', PRANA_POLL_MS: '1', PRANA_LEASE_MS: 'soon', HOME: '/root' });
      expect(error.problems.map((problem) => problem.variable).sort()).toEqual(['PRANA_LEASE_MS', 'PRANA_LOGLEVEL', 'PRANA_POLL_MS']);
    });
  });

  describe('authentication', () => {
    const KEY_HASH = 'a'.repeat(64);

    it('serves loopback without tokens, and refuses another address unless auth is configured or disabled', () => {
      expect(loadConfig({ PRANA_GRPC_ADDRESS: '[::1]:0' }).auth).toEqual({ kind: 'open', why: 'loopback' });
      expect(refusal({ PRANA_GRPC_ADDRESS: '0.0.0.0:50051' }).message).toMatch(
        /^PRANA_GRPC_ADDRESS: 0\.0\.0\.0:50051 is not a loopback address: configure authentication/,
      );
      expect(loadConfig({ PRANA_GRPC_ADDRESS: '0.0.0.0:50051', PRANA_AUTH: 'none' }).auth).toEqual({ kind: 'open', why: 'disabled' });
      const keys = JSON.stringify([{ name: 'ci', sha256: KEY_HASH.toUpperCase(), scopes: ['read', 'write'] }]);
      expect(loadConfig({ PRANA_GRPC_ADDRESS: '0.0.0.0:50051', PRANA_API_KEYS: keys }).auth).toEqual({
        kind: 'tokens',
        apiKeys: [{ name: 'ci', sha256: KEY_HASH, scopes: ['read', 'write'], namespaces: ['default'] }],
        jwt: undefined,
      });
    });

    it('reads the namespaces an API key grants (the default namespace unless it names some; * for all)', () => {
      const keys = JSON.stringify([
        { name: 'team-a', sha256: KEY_HASH, scopes: ['read'], namespaces: ['team-a', 'shared'] },
        { name: 'ops', sha256: KEY_HASH, scopes: ['admin'], namespaces: ['*'] },
      ]);
      const auth = loadConfig({ PRANA_API_KEYS: keys }).auth;
      expect(auth.kind === 'tokens' && auth.apiKeys.map((key) => key.namespaces)).toEqual([['team-a', 'shared'], ['*']]);
      const bad = JSON.stringify([{ name: 'x', sha256: KEY_HASH, scopes: ['read'], namespaces: ['Team A'] }]);
      expect(() => loadConfig({ PRANA_API_KEYS: bad })).toThrow(/PRANA_API_KEYS.*namespace/s);
    });

    it('refuses malformed keys and contradictions, naming the field', () => {
      expect(refusal({ PRANA_API_KEYS: '[{"name":"ci","sha256":"abc","scopes":["read"]}]' }).message).toMatch(
        /^PRANA_API_KEYS: 0\.sha256: expected the 64 hex digits/,
      );
      expect(refusal({ PRANA_API_KEYS: `[{"name":"ci","sha256":"${KEY_HASH}","scopes":["root"]}]` }).message).toMatch(/^PRANA_API_KEYS: 0\.scopes\.0: /);
      expect(refusal({ PRANA_AUTH: 'none', PRANA_JWT_JWKS_FILE: '/keys.json' }).variable).toBe('PRANA_AUTH');
      expect(refusal({ PRANA_JWT_ISSUER: 'https://issuer' }).message).toBe('PRANA_JWT_ISSUER: needs PRANA_JWT_JWKS_FILE, the keys tokens are verified with');
    });
  });

  describe('TLS', () => {
    it('needs both the certificate and the key, and a client CA only with them', () => {
      expect(loadConfig({ PRANA_TLS_CERT_FILE: '/c.pem', PRANA_TLS_KEY_FILE: '/k.pem', PRANA_TLS_CLIENT_CA_FILE: '/ca.pem' }).tls).toEqual({
        certFile: '/c.pem',
        keyFile: '/k.pem',
        clientCaFile: '/ca.pem',
        reloadMs: 60_000,
      });
      expect(refusal({ PRANA_TLS_CERT_FILE: '/c.pem' }).variable).toBe('PRANA_TLS_KEY_FILE');
      expect(refusal({ PRANA_TLS_CLIENT_CA_FILE: '/ca.pem' }).variable).toBe('PRANA_TLS_CLIENT_CA_FILE');
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ MONGODB_URI: '  ', PRANA_TOKEN_SECRET: '', PRANA_ENV_JSON: ' ' })).toMatchObject({
      mongodb: undefined,
      tokenSecret: undefined,
      env: {},
    });
  });

  it('reads the frozen configuration once', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  describe('MONGODB_URI', () => {
    it('reads the database from the path, and uses "prana" when there is none', () => {
      expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/orders?retryWrites=true' }).mongodb).toEqual({
        uri: 'mongodb://db:27017/orders?retryWrites=true',
        database: 'orders',
      });
      expect(loadConfig({ MONGODB_URI: 'mongodb://a:1,b:2/' }).mongodb).toEqual({ uri: 'mongodb://a:1,b:2/', database: 'prana' });
      expect(loadConfig({ MONGODB_URI: 'mongodb+srv://user:pw@cluster.example.net' }).mongodb?.database).toBe('prana');
    });

    it('refuses other schemes and invalid database names, naming the variable', () => {
      expect(refusal({ MONGODB_URI: 'postgres://db/x' })).toMatchObject({ variable: 'MONGODB_URI' });
      expect(refusal({ MONGODB_URI: 'mongodb://db/bad.name' }).message).toMatch(/^MONGODB_URI: invalid database name "bad.name"/);
    });
  });

  describe('PRANA_TOKEN_SECRET', () => {
    it('accepts a secret of at least 32 characters', () => {
      expect(loadConfig({ PRANA_TOKEN_SECRET: 'k'.repeat(32) }).tokenSecret).toBe('k'.repeat(32));
    });

    it('refuses a shorter secret', () => {
      expect(refusal({ PRANA_TOKEN_SECRET: 'short' }).message).toBe(
        'PRANA_TOKEN_SECRET: too short: 5 characters; use at least 32 random characters (e.g. openssl rand -hex 32)',
      );
    });
  });

  describe('PRANA_HTTP_DENY_HOSTS', () => {
    it('reads a comma-separated, case-insensitive list of hosts, addresses and .domains', () => {
      expect(loadConfig({ PRANA_HTTP_DENY_HOSTS: ' Metadata.Internal, 169.254.169.254,,[::1], .corp.example ' }).httpDenyHosts).toEqual([
        'metadata.internal',
        '169.254.169.254',
        '::1',
        '.corp.example',
      ]);
    });

    it('refuses something that is not a host', () => {
      expect(refusal({ PRANA_HTTP_DENY_HOSTS: 'ok.example, http://x/' }).message).toMatch(/^PRANA_HTTP_DENY_HOSTS: invalid host "http:\/\/x\/"/);
    });
  });

  describe('PRANA_ENV_JSON', () => {
    it('reads a JSON object as $env', () => {
      expect(loadConfig({ PRANA_ENV_JSON: '{"API_BASE": "https://api.example.com", "retries": 3}' }).env).toEqual({
        API_BASE: 'https://api.example.com',
        retries: 3,
      });
    });

    it('refuses invalid JSON and JSON that is not an object', () => {
      expect(refusal({ PRANA_ENV_JSON: '{nope' }).message).toMatch(/^PRANA_ENV_JSON: invalid JSON: /);
      expect(refusal({ PRANA_ENV_JSON: '[1, 2]' }).message).toBe('PRANA_ENV_JSON: must be a JSON object, e.g. {"API_BASE": "https://api.example.com"}');
    });
  });

  describe('store and engine limits', () => {
    it('reads the document limit, the inline output threshold and the loop limit', () => {
      expect(loadConfig({ PRANA_MAX_DOCUMENT_BYTES: '1048576', PRANA_INLINE_OUTPUT_BYTES: '4096', PRANA_MAX_LOOP_ITERATIONS: '500' })).toMatchObject({
        maxDocumentBytes: 1_048_576,
        inlineOutputBytes: 4096,
        maxLoopIterations: 500,
      });
    });

    it('refuses values out of range, naming the variable', () => {
      expect(refusal({ PRANA_MAX_DOCUMENT_BYTES: '16777216' }).message).toBe(
        'PRANA_MAX_DOCUMENT_BYTES: invalid value "16777216": expected bytes from 65536 to 15728640',
      );
      expect(refusal({ PRANA_INLINE_OUTPUT_BYTES: 'big' }).variable).toBe('PRANA_INLINE_OUTPUT_BYTES');
      expect(refusal({ PRANA_MAX_LOOP_ITERATIONS: '0' }).variable).toBe('PRANA_MAX_LOOP_ITERATIONS');
      expect(refusal({ PRANA_MAX_LOOP_ITERATIONS: '1000001' }).variable).toBe('PRANA_MAX_LOOP_ITERATIONS');
    });
  });

  describe('leases and polling', () => {
    it('defaults to a 30 s lease and a 1 s poll, and reads both', () => {
      expect(loadConfig({})).toMatchObject({ leaseMs: 30_000, pollMs: 1000 });
      expect(loadConfig({ PRANA_LEASE_MS: '3000', PRANA_POLL_MS: '250' })).toMatchObject({ leaseMs: 3000, pollMs: 250 });
    });

    it('refuses a lease under a second and a poll under 50 ms, naming the variable', () => {
      expect(refusal({ PRANA_LEASE_MS: '999' }).message).toBe('PRANA_LEASE_MS: invalid value "999": expected milliseconds from 1000 to 600000');
      expect(refusal({ PRANA_POLL_MS: '10' }).variable).toBe('PRANA_POLL_MS');
    });
  });

  it('keeps checking the earlier variables', () => {
    expect(refusal({ PRANA_GRPC_ADDRESS: 'nowhere' }).variable).toBe('PRANA_GRPC_ADDRESS');
    expect(refusal({ PRANA_LOG_LEVEL: 'loud' }).variable).toBe('PRANA_LOG_LEVEL');
    expect(refusal({ PRANA_SHUTDOWN_GRACE_MS: '-1' }).variable).toBe('PRANA_SHUTDOWN_GRACE_MS');
  });

  it('reads retention overrides per namespace, in hours', () => {
    const config = loadConfig({ PRANA_RETENTION_HOURS: '24', PRANA_RETENTION_NAMESPACE_HOURS: '{"audit": 0, "ci": 2}' });
    expect(config.retentionMs).toBe(24 * 3_600_000);
    expect(config.retentionByNamespace).toEqual({ audit: 0, ci: 2 * 3_600_000 });
    expect(() => loadConfig({ PRANA_RETENTION_NAMESPACE_HOURS: '{"Not A Name": 1}' })).toThrow(/PRANA_RETENTION_NAMESPACE_HOURS/);
    expect(() => loadConfig({ PRANA_RETENTION_NAMESPACE_HOURS: '{"ci": -1}' })).toThrow(/PRANA_RETENTION_NAMESPACE_HOURS/);
  });
});
