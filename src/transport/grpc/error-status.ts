import { status, type ServerErrorResponse } from '@grpc/grpc-js';
import { AppError, type AppErrorCode } from '../../app/app-error.js';
import { DocumentTooLarge, StoreConflict, StoreUnavailable } from '../../app/ports/execution-store.js';
import { encodeErrorMetadata } from './codec/error-metadata.js';
import { rpcError } from './rich-error.js';

/** Where the mapping reports failures that are the service's fault or the store's. */
export interface ErrorLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The one mapping from a failure raised while serving a call to the gRPC status the caller gets,
 * with ErrorInfo (and BadRequest / ResourceInfo where they apply) in `grpc-status-details-bin`:
 *
 * - AppError: its code picks the status; reason, field violations and resource pass through, and the
 *   metadata too, with statuses and suspension kinds written as proto enum names.
 * - StoreUnavailable: UNAVAILABLE `store_unavailable` (logged as a warning).
 * - StoreConflict: ABORTED `conflict` (a lost race the application did not absorb).
 * - DocumentTooLarge: RESOURCE_EXHAUSTED `limit_exceeded` with the `limit`.
 * - anything else: INTERNAL `internal`, logged with its stack; the caller never sees its text.
 */
export function toRpcError(error: unknown, log: ErrorLog, method: string): ServerErrorResponse {
  if (error instanceof AppError) {
    if (error.code === 'internal') log.error({ err: error, method }, 'internal error');
    return rpcError({
      code: statusOf(error.code),
      message: error.message,
      reason: error.reason,
      metadata: encodeErrorMetadata(error.reason, error.metadata),
      fieldViolations: error.fieldViolations,
      ...(error.resource === undefined ? {} : { resource: error.resource }),
    });
  }
  if (error instanceof StoreUnavailable) {
    log.warn({ err: error, method }, 'store unavailable');
    return rpcError({ code: status.UNAVAILABLE, message: 'the store did not answer; retry with back-off', reason: 'store_unavailable' });
  }
  if (error instanceof StoreConflict) {
    return rpcError({ code: status.ABORTED, message: 'lost a race with a concurrent change; retry', reason: 'conflict' });
  }
  if (error instanceof DocumentTooLarge) {
    return rpcError({ code: status.RESOURCE_EXHAUSTED, message: error.message, reason: 'limit_exceeded', metadata: { limit: String(error.limit) } });
  }
  log.error({ err: error, method }, 'unexpected error while serving a call');
  return rpcError({ code: status.INTERNAL, message: 'internal error', reason: 'internal' });
}

/** The gRPC status of each application error code. */
function statusOf(code: AppErrorCode): status {
  switch (code) {
    case 'invalid_argument':
      return status.INVALID_ARGUMENT;
    case 'not_found':
      return status.NOT_FOUND;
    case 'already_exists':
      return status.ALREADY_EXISTS;
    case 'failed_precondition':
      return status.FAILED_PRECONDITION;
    case 'aborted':
      return status.ABORTED;
    case 'resource_exhausted':
      return status.RESOURCE_EXHAUSTED;
    case 'unavailable':
      return status.UNAVAILABLE;
    case 'deadline_exceeded':
      return status.DEADLINE_EXCEEDED;
    case 'cancelled':
      return status.CANCELLED;
    case 'internal':
      return status.INTERNAL;
  }
}
