import type { handleUnaryCall } from '@grpc/grpc-js';
import { AppError } from '../../app/app-error.js';
import { namespaceOfCall } from './call-namespace.js';
import type { CallScope } from './call-scope.js';
import { abortedCall, callFailure } from './call-failure.js';
import { undecodableError } from './strict-decoding.js';
import type { ErrorLog } from './error-status.js';
import type { OpenCalls } from './open-calls.js';

/** What every handler shares: the open calls of the server and the log of failures. */
export interface ServeContext {
  readonly calls: OpenCalls;
  readonly log: ErrorLog;
}

/**
 * A grpc-js unary handler around `serve`: one scope per call (its signal fires on cancel, deadline or
 * drain), the namespace the call names, exactly one callback whatever happens, and every failure
 * mapped by `callFailure`.
 */
export function serveUnary<Request, Response>(
  context: ServeContext,
  method: string,
  serve: (request: Request, scope: CallScope, namespace: string) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const scope = context.calls.open(call);
    let answered = false;
    const answer = (...args: Parameters<typeof callback>): void => {
      if (answered) return;
      answered = true;
      scope.end();
      callback(...args);
    };
    if (scope.cause === 'shutdown') return answer(abortedCall('shutdown'));
    const undecodable = undecodableError(call.request, method);
    if (undecodable !== null) return answer(callFailure(undecodable, scope, context.log, method));
    const namespace = namespaceOfCall(call.metadata);
    if (namespace instanceof AppError) return answer(callFailure(namespace, scope, context.log, method));
    serve(call.request, scope, namespace).then(
      (response) => answer(null, response),
      (error: unknown) => answer(callFailure(error, scope, context.log, method)),
    );
  };
}
