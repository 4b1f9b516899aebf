import type { JsonObject } from '../domain/json.js';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { CONFIG_SCHEMA, KNOWN_VARIABLES, type ApiKeyEntry, type ListenAddress, type LogLevel, type MongodbTarget } from './config-schema.js';
import { unknownVariables } from './unknown-variables.js';
import { tracingRequested } from './tracing-requested.js';

export { DEFAULT_GRPC_ADDRESS } from './config-schema.js';

/** How callers prove who they are. */
export type AuthConfig =
  /** No tokens: every call is served. Only on a loopback address, or with `PRANA_AUTH=none`. */
  | { readonly kind: 'open'; readonly why: 'loopback' | 'disabled' }
  /** Every call but health needs a bearer token: an API key, or a JWT verified against the key set. */
  | { readonly kind: 'tokens'; readonly apiKeys: readonly ApiKeyEntry[]; readonly jwt: JwtConfig | undefined };

/** JWT verification: the key set and the claims every token must carry. */
export interface JwtConfig {
  readonly jwksFile: string;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
}

/** Certificate files for TLS; with a client CA, callers must present a certificate it signed (mutual TLS). */
export interface TlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  readonly clientCaFile: string | undefined;
  /** `PRANA_TLS_RELOAD_MS`: how often the files are read again, so renewed certificates apply without a restart. */
  readonly reloadMs: number;
}

/** The service configuration, read once from the environment at startup and frozen. */
export interface Config {
  /** `PRANA_GRPC_ADDRESS`: where the gRPC server listens. Default `127.0.0.1:50051`. */
  readonly grpcAddress: ListenAddress;
  /** `MONGODB_URI`: the MongoDB to use and the database its path names; absent means the in-memory store. */
  readonly mongodb: MongodbTarget | undefined;
  /** `PRANA_LOG_LEVEL`: default `info`. */
  readonly logLevel: LogLevel;
  /** `PRANA_SHUTDOWN_GRACE_MS`: how long a graceful stop waits for calls in flight. Default 5000. */
  readonly shutdownGraceMs: number;
  /**
   * `PRANA_TOKEN_SECRET`: the secret resume tokens are signed with, at least 32 characters; every
   * replica needs the same one. Absent means a random secret per process (tokens then die with it).
   */
  readonly tokenSecret: string | undefined;
  /** `PRANA_HTTP_DENY_HOSTS`: hosts `http.request` may not reach (comma-separated); default none. */
  readonly httpDenyHosts: readonly string[];
  /** `PRANA_HTTP_ALLOW_HOSTS`: hosts `http.request` may reach even at private, loopback or link-local addresses. */
  readonly httpAllowHosts: readonly string[];
  /** `PRANA_ENV_JSON`: a JSON object, `$env` of every execution. Default `{}`. */
  readonly env: JsonObject;
  /** `PRANA_MAX_DOCUMENT_BYTES`: the stored execution document limit (then `execution_too_large`). Default 8 MiB. */
  readonly maxDocumentBytes: number;
  /** `PRANA_INLINE_OUTPUT_BYTES`: node outputs larger than this are stored outside the document. Default 64 KiB. */
  readonly inlineOutputBytes: number;
  /** `PRANA_MAX_LOOP_ITERATIONS`: the loop limit of workflows that set none. Default 10 000. */
  readonly maxLoopIterations: number;
  /**
   * `PRANA_LEASE_MS`: how long a replica's hold on an execution lasts without renewal (renewed every
   * third of it): how soon another replica takes over the executions of one that died. Default 30 000.
   */
  readonly leaseMs: number;
  /** `PRANA_POLL_MS`: how often the store is polled for due wake-ups and orphaned executions. Default 1000. */
  readonly pollMs: number;
  /** `PRANA_AUTH`, `PRANA_API_KEYS`, `PRANA_JWT_*`: how calls are authenticated. */
  readonly auth: AuthConfig;
  /** `PRANA_PUBLIC_HEALTH`: health and reflection answer without a token. Default true. */
  readonly publicHealth: boolean;
  /** `PRANA_REFLECTION`: serve gRPC server reflection (grpcurl, Postman, Evans). Default true. */
  readonly reflection: boolean;
  /** `PRANA_TLS_*`: serve TLS (and mutual TLS) from these files; absent means plaintext. */
  readonly tls: TlsConfig | undefined;
  /** `PRANA_METRICS_ADDRESS`: where Prometheus metrics are served over HTTP; absent means no endpoint. */
  readonly metricsAddress: ListenAddress | undefined;
  /**
   * `PRANA_MEMORY_MAX_ENDED`: without MongoDB, how many ended executions are kept in memory; beyond
   * it the longest-ended ones go, as retention would delete them (0 keeps them all).
   */
  readonly memoryMaxEnded: number;
  /** `PRANA_RETENTION_HOURS`: finished executions are deleted this long after they end; 0 keeps them. */
  readonly retentionMs: number;
  /** `PRANA_RETENTION_NAMESPACE_HOURS`: namespaces kept for another time than `retentionMs` (0 keeps them). */
  readonly retentionByNamespace: Readonly<Record<string, number>>;
  /** Tracing, asked for by the standard `OTEL_*` variables (see start-tracing.ts); off by default. */
  readonly tracing: boolean;
}

/** The environment as `process.env` has it. */
export type Environment = Readonly<Record<string, string | undefined>>;

const HOUR_MS = 60 * 60 * 1000;

/**
 * Reads the configuration from the environment. Unset or blank variables take their defaults. Every
 * problem is reported at once in one ConfigError naming each variable: invalid values, settings that
 * contradict each other, and `PRANA_*` variables the service does not know (with the closest known
 * name), so startup fails with a clear message instead of ignoring a misspelt setting.
 */
export function loadConfig(env: Environment): Config {
  const values: Record<string, string | undefined> = {};
  for (const variable of KNOWN_VARIABLES) values[variable] = read(env, variable);
  const problems: ConfigProblem[] = unknownVariables(Object.keys(env), KNOWN_VARIABLES);
  const parsed = CONFIG_SCHEMA.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [variable, ...path] = issue.path.map(String);
      problems.push({ variable: variable ?? 'environment', message: path.length === 0 ? issue.message : `${path.join('.')}: ${issue.message}` });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const v = parsed.data;
  const config: Config = {
    grpcAddress: v.PRANA_GRPC_ADDRESS,
    mongodb: v.MONGODB_URI,
    logLevel: v.PRANA_LOG_LEVEL,
    shutdownGraceMs: v.PRANA_SHUTDOWN_GRACE_MS,
    tokenSecret: v.PRANA_TOKEN_SECRET,
    httpDenyHosts: v.PRANA_HTTP_DENY_HOSTS,
    httpAllowHosts: v.PRANA_HTTP_ALLOW_HOSTS,
    env: v.PRANA_ENV_JSON ?? Object.freeze({}),
    maxDocumentBytes: v.PRANA_MAX_DOCUMENT_BYTES,
    inlineOutputBytes: v.PRANA_INLINE_OUTPUT_BYTES,
    maxLoopIterations: v.PRANA_MAX_LOOP_ITERATIONS,
    leaseMs: v.PRANA_LEASE_MS,
    pollMs: v.PRANA_POLL_MS,
    auth: authOf(v, problems),
    publicHealth: v.PRANA_PUBLIC_HEALTH,
    reflection: v.PRANA_REFLECTION,
    tls: tlsOf(v, problems),
    metricsAddress: v.PRANA_METRICS_ADDRESS,
    retentionMs: v.PRANA_RETENTION_HOURS * HOUR_MS,
    memoryMaxEnded: v.PRANA_MEMORY_MAX_ENDED,
    retentionByNamespace: Object.fromEntries(Object.entries(v.PRANA_RETENTION_NAMESPACE_HOURS ?? {}).map(([namespace, hours]) => [namespace, hours * HOUR_MS])),
    tracing: tracingRequested(env),
  };
  if (config.auth.kind === 'open' && config.auth.why === 'loopback' && !isLoopback(config.grpcAddress.host)) {
    problems.push({
      variable: 'PRANA_GRPC_ADDRESS',
      message: `${config.grpcAddress.text} is not a loopback address: configure authentication (PRANA_API_KEYS or PRANA_JWT_JWKS_FILE), or set PRANA_AUTH=none to serve every caller that reaches the port`,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

type Values = typeof CONFIG_SCHEMA._zod.output;

function authOf(v: Values, problems: ConfigProblem[]): AuthConfig {
  const apiKeys = v.PRANA_API_KEYS ?? [];
  const jwt = v.PRANA_JWT_JWKS_FILE === undefined ? undefined : { jwksFile: v.PRANA_JWT_JWKS_FILE, issuer: v.PRANA_JWT_ISSUER, audience: v.PRANA_JWT_AUDIENCE };
  if (jwt === undefined) {
    for (const variable of ['PRANA_JWT_ISSUER', 'PRANA_JWT_AUDIENCE'] as const) {
      if (v[variable] !== undefined) problems.push({ variable, message: 'needs PRANA_JWT_JWKS_FILE, the keys tokens are verified with' });
    }
  }
  const configured = apiKeys.length > 0 || jwt !== undefined;
  if (v.PRANA_AUTH === 'none') {
    if (configured) problems.push({ variable: 'PRANA_AUTH', message: 'none contradicts PRANA_API_KEYS / PRANA_JWT_JWKS_FILE: unset one or the other' });
    return { kind: 'open', why: 'disabled' };
  }
  return configured ? { kind: 'tokens', apiKeys, jwt } : { kind: 'open', why: 'loopback' };
}

function tlsOf(v: Values, problems: ConfigProblem[]): TlsConfig | undefined {
  const cert = v.PRANA_TLS_CERT_FILE;
  const key = v.PRANA_TLS_KEY_FILE;
  if (cert === undefined && key === undefined) {
    if (v.PRANA_TLS_CLIENT_CA_FILE !== undefined)
      problems.push({ variable: 'PRANA_TLS_CLIENT_CA_FILE', message: 'needs PRANA_TLS_CERT_FILE and PRANA_TLS_KEY_FILE' });
    return undefined;
  }
  if (cert === undefined || key === undefined) {
    problems.push({
      variable: cert === undefined ? 'PRANA_TLS_CERT_FILE' : 'PRANA_TLS_KEY_FILE',
      message: 'TLS needs both PRANA_TLS_CERT_FILE and PRANA_TLS_KEY_FILE',
    });
    return undefined;
  }
  return { certFile: cert, keyFile: key, clientCaFile: v.PRANA_TLS_CLIENT_CA_FILE, reloadMs: v.PRANA_TLS_RELOAD_MS };
}

/** A loopback host: `localhost`, 127.0.0.0/8 or `::1`. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]';
}

/** A variable's trimmed value, or undefined when it is unset or blank. */
function read(env: Environment, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
