import { z } from 'zod';
import type { JsonObject } from '../domain/json.js';
import { isJsonObject } from '../domain/json.js';
import { DEFAULT_NAMESPACE, NAMESPACE_PATTERN, NAMESPACE_RULE } from '../domain/namespace.js';

// The environment as a schema: one entry per variable, each turning its trimmed text (blank = unset)
// into the value the service uses, with a message that says what is allowed.

const MIB = 1024 * 1024;

/** Log levels the service accepts (pino's names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Shortest accepted resume-token secret: HMAC-SHA256 keys shorter than this are guessable. */
export const MIN_TOKEN_SECRET_LENGTH = 32;

/** Default listen address: loopback only, so a bare `npm start` is not reachable from other hosts. */
export const DEFAULT_GRPC_ADDRESS = '127.0.0.1:50051';

/** The database used when the MongoDB connection string names none. */
export const DEFAULT_MONGODB_DATABASE = 'prana';

/** A listen address: a host (name, IPv4 or bracketed IPv6) and a TCP port (0 = any free port). */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
  /** `host:port`, as grpc-js `bindAsync` and `net.listen` take it. */
  readonly text: string;
}

/** A MongoDB connection string and the database it names. */
export interface MongodbTarget {
  readonly uri: string;
  /** The database in the URI's path; `prana` when the URI names none. */
  readonly database: string;
}

/** The grant of every namespace, in API keys (`"namespaces": ["*"]`) and JWT claims. */
export const ALL_NAMESPACES = '*';

/** The groups of RPCs a credential may be granted. */
export const SCOPES = ['read', 'write', 'resume', 'worker', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** One API key as configured: only the SHA-256 of the key is kept. */
export interface ApiKeyEntry {
  /** Who holds it, for logs. */
  readonly name: string;
  /** Hex SHA-256 of the key (`printf %s "$KEY" | sha256sum`). */
  readonly sha256: string;
  readonly scopes: readonly Scope[];
  /** The namespaces it may work in; `*` for all. */
  readonly namespaces: readonly string[];
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/;
const MONGODB_URI = /^mongodb(\+srv)?:\/\/[^/?#\s]+(\/([^?#\s]*))?(\?\S*)?$/;
const DATABASE = /^[A-Za-z0-9_-]{1,63}$/;
const HOST = /^(\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?|[0-9a-f:.]+|\[[0-9a-f:.]+\])$/;

const listenAddress = z.string().transform((value, ctx): ListenAddress => {
  const match = HOST_PORT.exec(value);
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65_535) {
    ctx.addIssue({ code: 'custom', message: `invalid address ${JSON.stringify(value)}: expected host:port with a port from 0 to 65535, e.g. 127.0.0.1:50051` });
    return z.NEVER;
  }
  const host = match[1] as string;
  return Object.freeze({ host, port, text: `${host}:${port}` });
});

const mongodbUri = z.string().transform((value, ctx): MongodbTarget => {
  const match = MONGODB_URI.exec(value);
  if (match === null) {
    ctx.addIssue({ code: 'custom', message: 'invalid connection string: expected mongodb://host[:port][/database][?options] or mongodb+srv://…' });
    return z.NEVER;
  }
  const path = decodeURIComponent(match[3] ?? '');
  if (path !== '' && !DATABASE.test(path)) {
    ctx.addIssue({ code: 'custom', message: `invalid database name ${JSON.stringify(path)}: 1 to 63 characters from [A-Za-z0-9_-]` });
    return z.NEVER;
  }
  return Object.freeze({ uri: value, database: path === '' ? DEFAULT_MONGODB_DATABASE : path });
});

/** A whole number from `min` to `max`. */
function wholeNumber(fallback: number, min: number, max: number, unit: string) {
  const expected = `expected ${unit} from ${min} to ${max}`;
  return z
    .string()
    .default(String(fallback))
    .transform((value, ctx) => {
      const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= min && n <= max)) {
        ctx.addIssue({ code: 'custom', message: `invalid value ${JSON.stringify(value)}: ${expected}` });
        return z.NEVER;
      }
      return n;
    });
}

/** `true`/`false` (also `1`/`0`, `yes`/`no`). */
function flag(fallback: boolean) {
  return z
    .string()
    .default(String(fallback))
    .transform((value, ctx) => {
      const lower = value.toLowerCase();
      if (['true', '1', 'yes'].includes(lower)) return true;
      if (['false', '0', 'no'].includes(lower)) return false;
      ctx.addIssue({ code: 'custom', message: `invalid value ${JSON.stringify(value)}: expected true or false` });
      return z.NEVER;
    });
}

/**
 * A comma-separated list of hosts: names (`metadata.internal`), IPv4 or IPv6 addresses, or a
 * leading-dot domain (`.corp.example`) for every host under it. Case-insensitive; blanks between
 * commas are ignored; IPv6 brackets are dropped.
 */
const hostList = z
  .string()
  .optional()
  .transform((value, ctx): readonly string[] => {
    const hosts: string[] = [];
    for (const raw of (value ?? '').split(',')) {
      const host = raw.trim().toLowerCase();
      if (host === '') continue;
      if (!HOST.test(host)) {
        ctx.addIssue({
          code: 'custom',
          message: `invalid host ${JSON.stringify(raw.trim())}: expected a host name, an IP address or a .domain, separated by commas`,
        });
        return z.NEVER;
      }
      hosts.push(host.startsWith('[') ? host.slice(1, -1) : host);
    }
    return Object.freeze(hosts);
  });

/** JSON text, parsed, then checked by `schema`. */
function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((value, ctx): unknown => {
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `invalid JSON: ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const envObject = z.custom<JsonObject>(isJsonObject, { message: 'must be a JSON object, e.g. {"API_BASE": "https://api.example.com"}' });

const apiKeys = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(100),
      sha256: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'expected the 64 hex digits of the key’s SHA-256')
        .transform((hex) => hex.toLowerCase()),
      scopes: z.array(z.enum(SCOPES)).min(1),
      namespaces: z
        .array(z.union([z.literal(ALL_NAMESPACES), z.string().regex(NAMESPACE_PATTERN, `a namespace name ${NAMESPACE_RULE}`)]))
        .min(1)
        .max(1000)
        .default([DEFAULT_NAMESPACE]),
    }),
  )
  .max(1000);

/** Namespace names by namespace, each with a number of hours. */
const namespaceHours = z.record(
  z.string().regex(NAMESPACE_PATTERN, `keys are namespace names that ${NAMESPACE_RULE}`),
  z
    .number()
    .int()
    .min(0)
    .max(100 * 365 * 24),
);

const tokenSecret = z
  .string()
  .refine((value) => value.length >= MIN_TOKEN_SECRET_LENGTH, {
    error: (issue) =>
      `too short: ${String(issue.input).length} characters; use at least ${MIN_TOKEN_SECRET_LENGTH} random characters (e.g. openssl rand -hex 32)`,
  })
  .optional();

const filePath = z.string().min(1).optional();

/** Every variable the service reads, by name. */
export const CONFIG_SCHEMA = z.object({
  PRANA_GRPC_ADDRESS: listenAddress.prefault(DEFAULT_GRPC_ADDRESS),
  MONGODB_URI: mongodbUri.optional(),
  PRANA_LOG_LEVEL: z
    .string()
    .default('info')
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(LOG_LEVELS, { error: (issue) => `invalid log level ${JSON.stringify(issue.input)}: expected one of ${LOG_LEVELS.join(', ')}` })),
  PRANA_SHUTDOWN_GRACE_MS: wholeNumber(5000, 0, 600_000, 'milliseconds'),
  PRANA_TOKEN_SECRET: tokenSecret,
  PRANA_HTTP_DENY_HOSTS: hostList,
  PRANA_HTTP_ALLOW_HOSTS: hostList,
  PRANA_ENV_JSON: jsonText(envObject).optional(),
  PRANA_MAX_DOCUMENT_BYTES: wholeNumber(8 * MIB, 64 * 1024, 15 * MIB, 'bytes'),
  PRANA_INLINE_OUTPUT_BYTES: wholeNumber(64 * 1024, 1024, 4 * MIB, 'bytes'),
  PRANA_MAX_LOOP_ITERATIONS: wholeNumber(10_000, 1, 1_000_000, 'iterations'),
  PRANA_LEASE_MS: wholeNumber(30_000, 1000, 600_000, 'milliseconds'),
  PRANA_POLL_MS: wholeNumber(1000, 50, 60_000, 'milliseconds'),
  PRANA_AUTH: z.enum(['none'], { error: 'the only value is none (serve without authentication); leave it unset to require a token' }).optional(),
  PRANA_API_KEYS: jsonText(apiKeys).optional(),
  PRANA_JWT_JWKS_FILE: filePath,
  PRANA_JWT_ISSUER: z.string().min(1).optional(),
  PRANA_JWT_AUDIENCE: z.string().min(1).optional(),
  PRANA_PUBLIC_HEALTH: flag(true),
  PRANA_REFLECTION: flag(true),
  PRANA_TLS_CERT_FILE: filePath,
  PRANA_TLS_KEY_FILE: filePath,
  PRANA_TLS_CLIENT_CA_FILE: filePath,
  PRANA_TLS_RELOAD_MS: wholeNumber(60_000, 100, 3_600_000, 'milliseconds'),
  PRANA_METRICS_ADDRESS: listenAddress.optional(),
  PRANA_RETENTION_HOURS: wholeNumber(0, 0, 100 * 365 * 24, 'hours (0 keeps finished executions forever)'),
  PRANA_RETENTION_NAMESPACE_HOURS: jsonText(namespaceHours).optional(),
  PRANA_MEMORY_MAX_ENDED: wholeNumber(10_000, 0, 100_000_000, 'ended executions the in-memory store keeps (0 keeps them all)'),
});

/** The variables the schema knows. */
export const KNOWN_VARIABLES: readonly string[] = Object.keys(CONFIG_SCHEMA.shape);

export type ConfigValues = z.output<typeof CONFIG_SCHEMA>;
