import type { ServiceError } from '@grpc/grpc-js';
import { status as Status } from '@grpc/grpc-js';
import { BadRequest, ErrorInfo, ResourceInfo } from './gen/google/rpc/error_details.js';
import { Status as RpcStatus } from './gen/google/rpc/status.js';

/** A request field at fault (google.rpc.BadRequest). */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/**
 * A call the service refused or failed: the gRPC code, the ErrorInfo `reason` (`not_found`,
 * `invalid_request`, `token_expired`, …; the table is in the contract's errors.proto) with its
 * `metadata`, the BadRequest field violations and the ResourceInfo of a NOT_FOUND.
 */
export class PranaError extends Error {
  constructor(
    readonly code: Status,
    message: string,
    readonly reason: string = '',
    readonly metadata: Readonly<Record<string, string>> = {},
    readonly fields: readonly FieldViolation[] = [],
    readonly resourceType: string = '',
    readonly resourceName: string = '',
  ) {
    super(message);
    this.name = 'PranaError';
  }
}

const DETAILS_KEY = 'grpc-status-details-bin';

/** Decodes a failed call (a grpc-js ServiceError) into a PranaError; other errors are wrapped as UNKNOWN. */
export function errorOf(error: unknown): PranaError {
  if (error instanceof PranaError) return error;
  const failed = error as Partial<ServiceError>;
  if (typeof failed.code !== 'number') return new PranaError(Status.UNKNOWN, error instanceof Error ? error.message : String(error));
  let message = failed.details ?? failed.message ?? '';
  let reason = '';
  let metadata: Record<string, string> = {};
  let fields: FieldViolation[] = [];
  let resourceType = '';
  let resourceName = '';
  for (const raw of failed.metadata?.get(DETAILS_KEY) ?? []) {
    if (typeof raw === 'string') continue;
    const status = RpcStatus.decode(raw);
    message = status.message || message;
    for (const detail of status.details) {
      const type = detail.typeUrl.slice(detail.typeUrl.lastIndexOf('/') + 1);
      if (type === 'google.rpc.ErrorInfo') {
        const info = ErrorInfo.decode(detail.value);
        reason = info.reason;
        metadata = { ...info.metadata };
      } else if (type === 'google.rpc.BadRequest') {
        fields = BadRequest.decode(detail.value).fieldViolations.map((v) => ({ field: v.field, description: v.description }));
      } else if (type === 'google.rpc.ResourceInfo') {
        const resource = ResourceInfo.decode(detail.value);
        resourceType = resource.resourceType;
        resourceName = resource.resourceName;
      }
    }
  }
  return new PranaError(failed.code, message, reason, metadata, fields, resourceType, resourceName);
}

/** True for failures that pass: the call (or stream) continues when made again. */
export function reconnectable(error: PranaError): boolean {
  if (error.code === Status.UNAVAILABLE || error.code === Status.ABORTED) return true;
  // A transport failure (a reset stream) has no ErrorInfo; a service bug has reason `internal`.
  if (error.code === Status.INTERNAL) return error.reason === '';
  return error.code === Status.RESOURCE_EXHAUSTED && error.reason === 'subscriber_too_slow';
}
