import { ServerInterceptingCall, status, type ServerInterceptor } from '@grpc/grpc-js';
import { AppError } from '../../../app/app-error.js';
import { toRpcError, type ErrorLog } from '../error-status.js';
import type { Authenticator } from './authenticator.js';
import type { Principal } from './principal.js';

/** Where the interceptor leaves each call's principal, for the handler and the access log. */
export const PRINCIPALS = new WeakMap<object, Principal>();

/**
 * A grpc-js server interceptor that authenticates every call before its handler runs: the metadata
 * is held until the token is verified; a refused call ends there with UNAUTHENTICATED or
 * PERMISSION_DENIED and ErrorInfo, and its handler never runs.
 */
export function authInterceptor(authenticator: Authenticator, log: ErrorLog): ServerInterceptor {
  return (descriptor, call) =>
    new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, pass) => {
            authenticator.check(descriptor.path, metadata).then(
              (result) => {
                if (result instanceof AppError) {
                  const refusal = toRpcError(result, log, descriptor.path.slice(1));
                  call.sendStatus({ code: refusal.code ?? status.UNAUTHENTICATED, details: refusal.details ?? '', metadata: refusal.metadata });
                  return;
                }
                PRINCIPALS.set(metadata, result);
                pass(metadata);
              },
              (error: unknown) => {
                const failure = toRpcError(error, log, descriptor.path.slice(1));
                call.sendStatus({ code: failure.code ?? status.INTERNAL, details: failure.details ?? '', metadata: failure.metadata });
              },
            );
          },
        }),
    });
}
