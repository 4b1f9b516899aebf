import { ServerInterceptingCall, status, type Metadata, type ServerInterceptor } from '@grpc/grpc-js';
import { PRINCIPALS } from './auth/auth-interceptor.js';

/** One finished call, as the access log and the RPC metrics see it: never a payload. */
export interface FinishedCall {
  /** `prana.v1.ExecutionService/GetExecution`. */
  readonly method: string;
  /** The status code's name, e.g. `OK`, `NOT_FOUND`. */
  readonly code: string;
  readonly durationMs: number;
  readonly executionId: string | undefined;
  readonly requestId: string | undefined;
  /** Who called, as authentication found them; undefined when the call was refused before. */
  readonly caller: string | undefined;
  readonly peer: string;
}

/** Reads a short string field of a message, if it has one. */
function idField(message: unknown, field: 'executionId' | 'requestId'): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const value = (message as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value.slice(0, 256) : undefined;
}

/** The execution a response is about (StartExecution answers the id it created). */
function responseExecutionId(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const execution = (message as { execution?: unknown }).execution;
  return typeof execution === 'object' && execution !== null && typeof (execution as { id?: unknown }).id === 'string'
    ? (execution as { id: string }).id
    : undefined;
}

/**
 * A grpc-js server interceptor that reports every call once it ends: method, status code, duration,
 * the execution and request ids it names, and the caller. Placed before authentication, it sees the
 * calls authentication refuses too.
 */
export function callLogInterceptor(observe: (call: FinishedCall) => void): ServerInterceptor {
  return (descriptor, call) => {
    const started = performance.now();
    let metadata: Metadata | undefined;
    let executionId: string | undefined;
    let requestId: string | undefined;
    return new ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (received, pass) => {
            metadata = received;
            pass(received);
          },
          onReceiveMessage: (message, pass) => {
            executionId ??= idField(message, 'executionId');
            requestId ??= idField(message, 'requestId');
            pass(message);
          },
        }),
      sendMessage: (message, pass) => {
        executionId ??= responseExecutionId(message);
        pass(message);
      },
      sendStatus: (sent, pass) => {
        try {
          observe({
            method: descriptor.path.slice(1),
            code: status[sent.code] ?? String(sent.code),
            durationMs: performance.now() - started,
            executionId,
            requestId,
            caller: metadata === undefined ? undefined : PRINCIPALS.get(metadata)?.name,
            peer: call.getPeer(),
          });
        } finally {
          pass(sent);
        }
      },
    });
  };
}
