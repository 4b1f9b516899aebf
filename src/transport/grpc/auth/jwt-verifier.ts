import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { ALL_NAMESPACES, SCOPES, type Scope } from '../../../config/config-schema.js';
import { DEFAULT_NAMESPACE, isNamespaceName } from '../../../domain/namespace.js';
import type { JwtConfig } from '../../../config/config.js';
import type { Principal } from './principal.js';

/** Why a JWT was refused, in words a caller can act on (never the token itself). */
export type JwtRefusal = 'expired' | 'invalid';

/**
 * Verifies JWTs with `jose` against a JSON Web Key Set read from a file: signature, `exp`/`nbf`, and
 * the configured issuer and audience. The scopes are the token's `scope` claim (space-separated, as
 * OAuth 2.0 writes it) or `scp` (an array); scopes the service does not know are ignored. The
 * namespaces are the `prana_namespaces` claim (an array, or a space-separated string; `*` for all);
 * a token without it works in the default namespace only.
 */
export class JwtVerifier {
  private constructor(
    private readonly keys: ReturnType<typeof createLocalJWKSet>,
    private readonly config: JwtConfig,
  ) {}

  /** Reads the key set; a missing or malformed file fails startup with the file named. */
  static async fromFile(config: JwtConfig): Promise<JwtVerifier> {
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(await readFile(config.jwksFile, 'utf8')) as JSONWebKeySet;
      return new JwtVerifier(createLocalJWKSet(jwks), config);
    } catch (error) {
      throw new Error(`PRANA_JWT_JWKS_FILE ${config.jwksFile}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The token's principal, or why it was refused. */
  async verify(token: string): Promise<Principal | JwtRefusal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        ...(this.config.issuer === undefined ? {} : { issuer: this.config.issuer }),
        ...(this.config.audience === undefined ? {} : { audience: this.config.audience }),
      }));
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
    return Object.freeze({
      name: typeof payload.sub === 'string' ? payload.sub : 'jwt',
      via: 'jwt',
      scopes: scopesOf(payload),
      namespaces: namespacesOf(payload),
    });
  }
}

/** The claim naming the namespaces a token grants. */
export const NAMESPACES_CLAIM = 'prana_namespaces';

/** The namespaces a token's claims grant. */
function namespacesOf(payload: JWTPayload): ReadonlySet<string> {
  const claim = payload[NAMESPACES_CLAIM];
  if (claim === undefined) return new Set([DEFAULT_NAMESPACE]);
  const listed = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  return new Set(listed.filter((name): name is string => typeof name === 'string' && (name === ALL_NAMESPACES || isNamespaceName(name))));
}

/** The known scopes a token's claims grant. */
function scopesOf(payload: JWTPayload): ReadonlySet<Scope> {
  const claimed = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scp) ? payload.scp : [];
  return new Set(SCOPES.filter((scope) => claimed.includes(scope)));
}
