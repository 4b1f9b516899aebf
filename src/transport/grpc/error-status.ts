import { status, type ServerErrorResponse } from '@grpc/grpc-js';
import { AppError, bug, type AppErrorCode } from '../../app/app-error.js';
import { encodeErrorMetadata } from './codec/error-metadata.js';
import { rpcError } from './rich-error.js';

/** Where the mapping reports failures that are the service's fault or the store's. */
export interface ErrorLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The one mapping from a failure raised while serving a call to the gRPC status the caller gets,
 * with ErrorInfo (and BadRequest / ResourceInfo where they apply) in `grpc-status-details-bin`. The
 * application hands out AppErrors only (its store errors included): the code picks the status; reason,
 * field violations and resource pass through, and the metadata too, with statuses and suspension
 * kinds written as proto enum names. Transient failures are logged as warnings, bugs with their
 * stack; anything that is not an AppError is a bug, and the caller never sees its text.
 */
export function toRpcError(error: unknown, log: ErrorLog, method: string): ServerErrorResponse {
  const failure = error instanceof AppError ? error : bug('internal error', error);
  switch (failure.family) {
    case 'bug':
      log.error({ err: failure.cause ?? failure, method }, 'internal error');
      break;
    case 'transient':
      if (failure.reason === 'store_unavailable') log.warn({ err: failure.cause ?? failure, method }, 'store unavailable');
      break;
    case 'caller':
    case 'conflict':
      break;
  }
  return rpcError({
    code: statusOf(failure.code),
    message: failure.family === 'bug' ? 'internal error' : failure.message,
    reason: failure.reason,
    metadata: encodeErrorMetadata(failure.reason, failure.metadata),
    fieldViolations: failure.fieldViolations,
    ...(failure.resource === undefined ? {} : { resource: failure.resource }),
  });
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
    case 'unimplemented':
      return status.UNIMPLEMENTED;
    case 'unauthenticated':
      return status.UNAUTHENTICATED;
    case 'permission_denied':
      return status.PERMISSION_DENIED;
  }
}
