import type { handleServerStreamingCall, ServerWritableStream } from '@grpc/grpc-js';
import { callNamespace } from './call-namespace.js';
import type { CallScope } from './call-scope.js';
import { abortedCall, callFailure } from './call-failure.js';
import { undecodableError } from './strict-decoding.js';
import type { ServeContext } from './serve-unary.js';

/**
 * A grpc-js server-streaming handler around `serve`, an async iterable of messages: each message is
 * written in order, waiting for `drain` whenever grpc-js buffers are full (back-pressure reaches the
 * iterable, whose own bounded buffers then apply). The stream ends cleanly when the iterable does,
 * with a mapped status when it throws or the server drains, and silently when the caller cancelled
 * (nobody listens any more).
 */
export function serveStream<Request, Response>(
  context: ServeContext,
  method: string,
  serve: (request: Request, scope: CallScope, namespace: string) => AsyncIterable<Response>,
): handleServerStreamingCall<Request, Response> {
  return (call) => {
    const scope = context.calls.open(call);
    const undecodable = undecodableError(call.request, method);
    const open = (): AsyncIterable<Response> => {
      if (undecodable !== null) throw undecodable;
      return serve(call.request, scope, callNamespace(call.metadata));
    };
    void pump(call, scope, open).then((end) => {
      scope.end();
      switch (end.kind) {
        case 'finished':
          call.end();
          return;
        case 'failed':
          call.emit('error', callFailure(end.error, scope, context.log, method));
          return;
        case 'stopped': {
          const cause = scope.cause;
          if (cause !== null && cause !== 'cancelled') call.emit('error', abortedCall(cause));
          return;
        }
      }
    });
  };
}

/** How writing a stream ended: the iterable finished, it failed, or the call's signal stopped it. */
type PumpEnd = { readonly kind: 'finished' } | { readonly kind: 'failed'; readonly error: unknown } | { readonly kind: 'stopped' };

/** Writes every message of the iterable, honouring back-pressure and the call's signal. */
async function pump<Response>(call: ServerWritableStream<unknown, Response>, scope: CallScope, open: () => AsyncIterable<Response>): Promise<PumpEnd> {
  try {
    if (scope.cause !== null) return { kind: 'stopped' };
    for await (const message of open()) {
      if (scope.cause !== null) return { kind: 'stopped' };
      if (!call.write(message)) await drained(call, scope.signal);
    }
    return scope.cause === null ? { kind: 'finished' } : { kind: 'stopped' };
  } catch (error) {
    return scope.cause === 'cancelled' ? { kind: 'stopped' } : { kind: 'failed', error };
  }
}

/** Resolves when the stream can take more messages, or when the call's signal fires. */
function drained(call: ServerWritableStream<unknown, unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      call.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted) done();
  });
}
