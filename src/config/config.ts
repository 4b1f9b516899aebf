import type { JsonObject } from '../domain/json.js';
import { ConfigError } from './config-error.js';
import { parseDenyHosts } from './deny-hosts.js';
import { parseEnvJson } from './env-json.js';
import { parseGrpcAddress, type GrpcAddress } from './grpc-address.js';
import { parseLogLevel, type LogLevel } from './log-level.js';
import { parseMongodbUri, type MongodbTarget } from './mongodb-uri.js';
import { parseTokenSecret } from './token-secret.js';
import { parseBoundedInteger } from './bounded-integer.js';

/** The service configuration, read once from the environment at startup and frozen. */
export interface Config {
  /** `PRANA_GRPC_ADDRESS`: where the gRPC server listens. Default `127.0.0.1:50051`. */
  readonly grpcAddress: GrpcAddress;
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
  /** `PRANA_ENV_JSON`: a JSON object, `$env` of every execution. Default `{}`. */
  readonly env: JsonObject;
  /** `PRANA_MAX_DOCUMENT_BYTES`: the stored execution document limit (then `execution_too_large`). Default 8 MiB. */
  readonly maxDocumentBytes: number;
  /** `PRANA_INLINE_OUTPUT_BYTES`: node outputs larger than this are stored outside the document. Default 64 KiB. */
  readonly inlineOutputBytes: number;
  /** `PRANA_MAX_LOOP_ITERATIONS`: the loop limit of workflows that set none (SEMANTICS.md §5.4). Default 10 000. */
  readonly maxLoopIterations: number;
  /**
   * `PRANA_LEASE_MS`: how long a replica's hold on an execution lasts without renewal (renewed every
   * third of it): how soon another replica takes over the executions of one that died. Default 30 000.
   */
  readonly leaseMs: number;
  /** `PRANA_POLL_MS`: how often the store is polled for due wake-ups and orphaned executions. Default 1000. */
  readonly pollMs: number;
}

/** The environment as `process.env` has it. */
export type Environment = Readonly<Record<string, string | undefined>>;

const MIB = 1024 * 1024;

/** Default listen address: loopback only, so a bare `npm start` is not reachable from other hosts. */
export const DEFAULT_GRPC_ADDRESS = '127.0.0.1:50051';

/**
 * Reads the configuration from the environment. Unset or empty variables take their defaults; an
 * invalid value throws ConfigError naming the variable, so startup fails with a clear message.
 */
export function loadConfig(env: Environment): Config {
  return Object.freeze({
    grpcAddress: parseGrpcAddress('PRANA_GRPC_ADDRESS', read(env, 'PRANA_GRPC_ADDRESS') ?? DEFAULT_GRPC_ADDRESS),
    mongodb: parseMongodbUri('MONGODB_URI', read(env, 'MONGODB_URI')),
    logLevel: parseLogLevel('PRANA_LOG_LEVEL', read(env, 'PRANA_LOG_LEVEL') ?? 'info'),
    shutdownGraceMs: parseDurationMs('PRANA_SHUTDOWN_GRACE_MS', read(env, 'PRANA_SHUTDOWN_GRACE_MS') ?? '5000'),
    tokenSecret: parseTokenSecret('PRANA_TOKEN_SECRET', read(env, 'PRANA_TOKEN_SECRET')),
    httpDenyHosts: parseDenyHosts('PRANA_HTTP_DENY_HOSTS', read(env, 'PRANA_HTTP_DENY_HOSTS')),
    env: parseEnvJson('PRANA_ENV_JSON', read(env, 'PRANA_ENV_JSON')),
    maxDocumentBytes: parseBoundedInteger('PRANA_MAX_DOCUMENT_BYTES', read(env, 'PRANA_MAX_DOCUMENT_BYTES') ?? String(8 * MIB), 64 * 1024, 15 * MIB, 'bytes'),
    inlineOutputBytes: parseBoundedInteger('PRANA_INLINE_OUTPUT_BYTES', read(env, 'PRANA_INLINE_OUTPUT_BYTES') ?? String(64 * 1024), 1024, 4 * MIB, 'bytes'),
    maxLoopIterations: parseBoundedInteger('PRANA_MAX_LOOP_ITERATIONS', read(env, 'PRANA_MAX_LOOP_ITERATIONS') ?? '10000', 1, 1_000_000, 'iterations'),
    leaseMs: parseBoundedInteger('PRANA_LEASE_MS', read(env, 'PRANA_LEASE_MS') ?? '30000', 1000, 600_000, 'milliseconds'),
    pollMs: parseBoundedInteger('PRANA_POLL_MS', read(env, 'PRANA_POLL_MS') ?? '1000', 50, 60_000, 'milliseconds'),
  });
}

/** A variable's trimmed value, or undefined when it is unset or blank. */
function read(env: Environment, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Accepts a whole number of milliseconds from 0 to 600 000. */
function parseDurationMs(variable: string, value: string): number {
  const ms = /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms <= 600_000)) {
    throw new ConfigError(variable, `invalid duration ${JSON.stringify(value)}: expected milliseconds from 0 to 600000`);
  }
  return ms;
}
