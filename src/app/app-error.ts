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
  | 'internal'
  | 'unimplemented'
  | 'unauthenticated'
  | 'permission_denied';

/** Who is at fault: the caller (wrong request, or a state that does not allow it), a lost race, a passing condition, or the service. */
export type FaultFamily = 'caller' | 'conflict' | 'transient' | 'bug';

/** Reasons a request is refused because of what it asks (the caller's fault). */
export type CallerReason =
  | 'invalid_request'
  | 'invalid_token'
  | 'invalid_port'
  | 'not_found'
  | 'execution_id_conflict'
  | 'request_id_conflict'
  | 'schedule_exists'
  | 'revision_mismatch'
  | 'token_expired'
  | 'not_suspended'
  | 'stale_token'
  | 'wrong_node'
  | 'not_resumable'
  | 'already_terminal'
  | 'task_closed'
  | 'lease_not_held'
  | 'limit_exceeded'
  | 'subscriber_too_slow'
  | 'unimplemented'
  | 'unauthenticated'
  | 'permission_denied';

/** Reasons that pass: retry the call. */
export type TransientReason = 'store_unavailable' | 'shutting_down' | 'deadline_exceeded' | 'cancelled';

/** Every reason a request can fail for: ErrorInfo.reason, the table of proto/prana/v1/errors.proto. */
export type ErrorReason = CallerReason | 'conflict' | TransientReason | 'internal';

/** A request field that is wrong, and why (google.rpc.BadRequest.FieldViolation). */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/** What an AppError carries besides its reason and message. */
export interface AppErrorOptions {
  readonly reason: ErrorReason;
  readonly message: string;
  /** Facts as strings (ErrorInfo.metadata). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The request fields at fault (BadRequest). */
  readonly fieldViolations?: readonly FieldViolation[];
  /** What was not found (ResourceInfo). */
  readonly resource?: { readonly type: string; readonly name: string };
  readonly cause?: unknown;
}

/**
 * The code and fault family of every reason. The switch is exhaustive: a reason added to ErrorReason
 * without its place here does not compile.
 */
export function classify(reason: ErrorReason): { readonly code: AppErrorCode; readonly family: FaultFamily } {
  switch (reason) {
    case 'invalid_request':
    case 'invalid_token':
    case 'invalid_port':
      return { code: 'invalid_argument', family: 'caller' };
    case 'not_found':
      return { code: 'not_found', family: 'caller' };
    case 'execution_id_conflict':
    case 'request_id_conflict':
    case 'schedule_exists':
      return { code: 'already_exists', family: 'caller' };
    case 'token_expired':
    case 'not_suspended':
    case 'stale_token':
    case 'wrong_node':
    case 'not_resumable':
    case 'already_terminal':
    case 'task_closed':
    case 'lease_not_held':
    case 'revision_mismatch':
      return { code: 'failed_precondition', family: 'caller' };
    case 'limit_exceeded':
    case 'subscriber_too_slow':
      return { code: 'resource_exhausted', family: 'caller' };
    case 'unimplemented':
      return { code: 'unimplemented', family: 'caller' };
    case 'unauthenticated':
      return { code: 'unauthenticated', family: 'caller' };
    case 'permission_denied':
      return { code: 'permission_denied', family: 'caller' };
    case 'conflict':
      return { code: 'aborted', family: 'conflict' };
    case 'store_unavailable':
    case 'shutting_down':
      return { code: 'unavailable', family: 'transient' };
    case 'deadline_exceeded':
      return { code: 'deadline_exceeded', family: 'transient' };
    case 'cancelled':
      return { code: 'cancelled', family: 'transient' };
    case 'internal':
      return { code: 'internal', family: 'bug' };
  }
}

/**
 * A typed request failure: what exactly went wrong is its reason (proto/prana/v1/errors.proto), from
 * which its code and fault family follow, with facts as metadata. Node failures are never AppErrors.
 */
export class AppError extends Error {
  readonly reason: ErrorReason;
  readonly code: AppErrorCode;
  readonly family: FaultFamily;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fieldViolations: readonly FieldViolation[];
  readonly resource: { readonly type: string; readonly name: string } | undefined;

  constructor(options: AppErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.reason = options.reason;
    const { code, family } = classify(options.reason);
    this.code = code;
    this.family = family;
    this.metadata = options.metadata ?? {};
    this.fieldViolations = options.fieldViolations ?? [];
    this.resource = options.resource;
  }
}

/** The caller asked for something the request or the state does not allow. */
export function refused(reason: CallerReason, message: string, metadata?: Readonly<Record<string, string>>): AppError {
  return new AppError({ reason, message, ...(metadata === undefined ? {} : { metadata }) });
}

/** An INVALID_ARGUMENT `invalid_request` for one or more fields. */
export function invalidRequest(violations: readonly FieldViolation[], metadata?: Readonly<Record<string, string>>): AppError {
  const first = violations[0];
  const message = first === undefined ? 'invalid request' : `invalid ${first.field}: ${first.description}`;
  return new AppError({ reason: 'invalid_request', message, fieldViolations: violations, ...(metadata === undefined ? {} : { metadata }) });
}

/** A NOT_FOUND `not_found` naming what was looked up. */
export function notFound(type: string, name: string): AppError {
  return new AppError({ reason: 'not_found', message: `${type.replace(/^prana\.v1\./, '')} ${name} not found`, resource: { type, name } });
}

/** An ABORTED `conflict`: a race with a concurrent change was lost; the caller retries the whole call. */
export function conflict(message: string, metadata?: Readonly<Record<string, string>>): AppError {
  return new AppError({ reason: 'conflict', message, ...(metadata === undefined ? {} : { metadata }) });
}

/** A condition that passes (the store, a stopping replica, the caller's own deadline): retry. */
export function transient(reason: TransientReason, message: string, cause?: unknown): AppError {
  return new AppError({ reason, message, cause });
}

/** A bug in the service: INTERNAL; the caller never sees more than that. */
export function bug(message: string, cause?: unknown): AppError {
  return new AppError({ reason: 'internal', message, cause });
}
