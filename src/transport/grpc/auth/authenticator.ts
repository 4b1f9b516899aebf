import type { Metadata } from '@grpc/grpc-js';
import { AppError } from '../../../app/app-error.js';
import type { AuthConfig } from '../../../config/config.js';
import { ALL_NAMESPACES, SCOPES } from '../../../config/config-schema.js';
import { namespaceOfCall } from '../call-namespace.js';
import { ApiKeyVerifier } from './api-key-verifier.js';
import { JwtVerifier } from './jwt-verifier.js';
import { PUBLIC_SERVICES, METHOD_SCOPES } from './method-scopes.js';
import { grants, grantsNamespace, type Principal } from './principal.js';

/** The caller of a service that asks for no token. */
const ANONYMOUS: Principal = Object.freeze({ name: 'anonymous', via: 'open', scopes: new Set(SCOPES), namespaces: new Set([ALL_NAMESPACES]) });

const BEARER = /^Bearer +([\x21-\x7e]{1,8192})$/i;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * Decides who a call comes from and whether they may make it: a bearer token in the `authorization`
 * metadata (an API key or a JWT), then the scope the method needs. Health answers without a token
 * while it is public. With authentication off (loopback, or `PRANA_AUTH=none`) every caller is let in.
 */
export class Authenticator {
  private constructor(
    private readonly config: AuthConfig,
    private readonly publicHealth: boolean,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly jwt: JwtVerifier | undefined,
  ) {}

  /** Reads the JWT key set when one is configured. */
  static async create(config: AuthConfig, publicHealth: boolean): Promise<Authenticator> {
    if (config.kind === 'open') return new Authenticator(config, publicHealth, new ApiKeyVerifier([]), undefined);
    const jwt = config.jwt === undefined ? undefined : await JwtVerifier.fromFile(config.jwt);
    return new Authenticator(config, publicHealth, new ApiKeyVerifier(config.apiKeys), jwt);
  }

  /** The caller of `path` (e.g. `/prana.v1.ExecutionService/GetExecution`), or the error that refuses the call. */
  async check(path: string, metadata: Metadata): Promise<Principal | AppError> {
    if (this.config.kind === 'open') return ANONYMOUS;
    const service = path.split('/')[1] ?? '';
    if (this.publicHealth && PUBLIC_SERVICES.includes(service)) return ANONYMOUS;
    const principal = await this.identify(metadata);
    if (principal instanceof AppError) return principal;
    // Methods outside the prana services (health when it is not public) need a valid token only.
    const scope = METHOD_SCOPES.get(path);
    if (scope === undefined) return principal;
    if (!grants(principal, scope)) {
      return new AppError({
        reason: 'permission_denied',
        message: `${principal.name} may not call ${path.slice(1)}: it needs the ${scope} scope`,
        metadata: { method: path.slice(1), scope },
      });
    }
    // A malformed namespace is the handler's to refuse (INVALID_ARGUMENT); a foreign one is refused here.
    const namespace = namespaceOfCall(metadata);
    if (namespace instanceof AppError || grantsNamespace(principal, namespace)) return principal;
    return new AppError({
      reason: 'permission_denied',
      message: `${principal.name} may not work in namespace ${namespace}`,
      metadata: { method: path.slice(1), namespace },
    });
  }

  private async identify(metadata: Metadata): Promise<Principal | AppError> {
    const values = metadata.get('authorization');
    if (values.length === 0) return unauthenticated('a bearer token is required: send the metadata "authorization: Bearer <token>"');
    const match = values.length === 1 && typeof values[0] === 'string' ? BEARER.exec(values[0]) : null;
    if (match === null) return unauthenticated('the authorization metadata must be one "Bearer <token>"');
    const token = match[1] as string;
    const byKey = this.apiKeys.verify(token);
    if (byKey !== null) return byKey;
    if (this.jwt !== undefined && JWT_SHAPE.test(token)) {
      const verified = await this.jwt.verify(token);
      if (verified === 'expired') return unauthenticated('the token has expired');
      if (verified !== 'invalid') return verified;
    }
    return unauthenticated('the token is not valid');
  }
}

function unauthenticated(message: string): AppError {
  return new AppError({ reason: 'unauthenticated', message });
}
