import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';
import { Any } from '../../gen/google/protobuf/any.js';
import { BadRequest, ErrorInfo, ResourceInfo } from '../../gen/google/rpc/error_details.js';
import { Status } from '../../gen/google/rpc/status.js';
import type { ErrorReason } from '../../app/app-error.js';

/** The `ErrorInfo.domain` of every Prana error (proto/prana/v1/errors.proto). */
export const ERROR_DOMAIN = 'prana';

/** Trailer key of the standard rich error model: a serialized google.rpc.Status. */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/** Everything a Prana request failure carries (see the reason table in proto/prana/v1/errors.proto). */
export interface RpcErrorSpec {
  /** The gRPC status code. */
  readonly code: status;
  /** Human-readable message, sent as the status details text. */
  readonly message: string;
  /** Machine-readable `ErrorInfo.reason`, e.g. `not_found`, `not_suspended`. */
  readonly reason: ErrorReason;
  /** `ErrorInfo.metadata`: facts about the failure, e.g. `{ status: 'EXECUTION_STATUS_COMPLETED' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** For INVALID_ARGUMENT: each offending request field (proto path) and why. */
  readonly fieldViolations?: readonly { readonly field: string; readonly description: string }[];
  /** For NOT_FOUND: what was looked up. */
  readonly resource?: { readonly type: string; readonly name: string };
}

/**
 * Builds the error a grpc-js handler passes to its callback (or emits on a stream): the status code and
 * message, plus a `grpc-status-details-bin` trailer holding google.rpc.Status with ErrorInfo and, when
 * given, BadRequest and ResourceInfo.
 */
export function rpcError(spec: RpcErrorSpec): ServerErrorResponse {
  const metadata = Object.fromEntries(Object.entries(spec.metadata ?? {}).map(([key, value]) => [clip(key, MAX_ECHO), clip(value, MAX_ECHO)]));
  const details: Any[] = [pack('google.rpc.ErrorInfo', ErrorInfo.encode({ reason: spec.reason, domain: ERROR_DOMAIN, metadata }).finish())];
  if (spec.fieldViolations !== undefined && spec.fieldViolations.length > 0) {
    const fieldViolations = spec.fieldViolations
      .slice(0, MAX_VIOLATIONS)
      .map((violation) => ({ field: clip(violation.field, MAX_ECHO), description: clip(violation.description, MAX_ECHO), reason: '' }));
    details.push(pack('google.rpc.BadRequest', BadRequest.encode({ fieldViolations }).finish()));
  }
  if (spec.resource !== undefined) {
    const resource = { resourceType: spec.resource.type, resourceName: clip(spec.resource.name, MAX_ECHO), owner: '', description: '' };
    details.push(pack('google.rpc.ResourceInfo', ResourceInfo.encode(resource).finish()));
  }
  const message = clip(spec.message, MAX_MESSAGE);
  const trailer = new Metadata();
  trailer.set(STATUS_DETAILS_KEY, Buffer.from(Status.encode({ code: spec.code, message, details }).finish()));
  return Object.assign(new Error(message), { code: spec.code, details: message, metadata: trailer });
}

// Everything a failure echoes back is bounded, so the trailers stay far below HTTP/2 header limits
// (a 30 000-character id once made them outgrow the limits and stall the connection).
const MAX_MESSAGE = 1024;
const MAX_ECHO = 256;
const MAX_VIOLATIONS = 50;

/** `text` cut to `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Wraps an encoded message in google.protobuf.Any with the standard type URL. */
function pack(typeName: string, value: Uint8Array): Any {
  return { typeUrl: `type.googleapis.com/${typeName}`, value: Buffer.from(value) };
}
