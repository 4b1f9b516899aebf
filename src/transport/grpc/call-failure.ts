import type { ServerErrorResponse } from '@grpc/grpc-js';
import { AppError, transient } from '../../app/app-error.js';
import type { AbortCause, CallScope } from './call-scope.js';
import { toRpcError, type ErrorLog } from './error-status.js';

/**
 * The status a call ends with after `error`. When the call's own signal stopped the use case (its
 * wait or stream ended with DEADLINE_EXCEEDED or CANCELLED), the abort's cause decides: a draining
 * server answers UNAVAILABLE `shutting_down`. Everything else goes through the one mapping.
 */
export function callFailure(error: unknown, scope: CallScope, log: ErrorLog, method: string): ServerErrorResponse {
  const cause = scope.cause;
  if (cause !== null && error instanceof AppError && (error.code === 'deadline_exceeded' || error.code === 'cancelled')) return abortedCall(cause);
  return toRpcError(error, log, method);
}

/** The status of a call whose signal was aborted, by cause. */
export function abortedCall(cause: AbortCause): ServerErrorResponse {
  return toRpcError(abortError(cause), SILENT, '');
}

/** The failure of a call whose signal was aborted, by cause. */
function abortError(cause: AbortCause): AppError {
  switch (cause) {
    case 'shutdown':
      return transient('shutting_down', 'the server is stopping; retry, possibly on another replica');
    case 'deadline':
      return transient('deadline_exceeded', 'the deadline passed while waiting; the execution carries on');
    case 'cancelled':
      return transient('cancelled', 'the call was cancelled');
  }
}

const SILENT: ErrorLog = { warn: () => undefined, error: () => undefined };
