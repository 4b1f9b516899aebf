/** The closed set of request failure kinds, each mapped to one gRPC status code by the transport. */
export type AppErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'aborted'
  | 'resource_exhausted'
  | 'unavailable'
  | 'deadline_exceeded'
  | 'cancelled'
  | 'internal';

/** A request field that is wrong, and why (google.rpc.BadRequest.FieldViolation). */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/**
 * A typed request failure: who is at fault is in the code, what exactly in the machine-readable
 * reason (proto/prana/v1/errors.proto), with facts as metadata. Node failures are never AppErrors.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly reason: string,
    message: string,
    readonly metadata: Readonly<Record<string, string>> = {},
    readonly fieldViolations: readonly FieldViolation[] = [],
    readonly resource?: { readonly type: string; readonly name: string },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** An INVALID_ARGUMENT `invalid_request` for one or more fields. */
export function invalidRequest(violations: readonly FieldViolation[]): AppError {
  const first = violations[0];
  const message = first === undefined ? 'invalid request' : `invalid ${first.field}: ${first.description}`;
  return new AppError('invalid_argument', 'invalid_request', message, {}, violations);
}

/** A NOT_FOUND `not_found` naming what was looked up. */
export function notFound(type: string, name: string): AppError {
  return new AppError('not_found', 'not_found', `${type.replace(/^prana\.v1\./, '')} ${name} not found`, {}, [], { type, name });
}
