// Reads the rich error model of a failed call: google.rpc.Status in `grpc-status-details-bin`.
import type { ServiceError } from '@grpc/grpc-js';
import { BadRequest, ErrorInfo, ResourceInfo } from '../../../../src/gen/google/rpc/error_details.js';
import { Status } from '../../../../src/gen/google/rpc/status.js';

/** What a failed call says about itself. */
export interface RichStatus {
  readonly code: number;
  readonly message: string;
  readonly reason: string | undefined;
  readonly domain: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** BadRequest field violations, by field. */
  readonly violations: readonly { readonly field: string; readonly description: string }[];
  readonly resource: { readonly type: string; readonly name: string } | undefined;
}

/** Decodes the status details of a ServiceError (empty details when the trailer is missing). */
export function richStatus(error: ServiceError): RichStatus {
  const [raw] = error.metadata?.get('grpc-status-details-bin') ?? [];
  const status = raw instanceof Buffer ? Status.decode(raw) : undefined;
  const detail = (name: string): Uint8Array | undefined => status?.details.find((any) => any.typeUrl === `type.googleapis.com/google.rpc.${name}`)?.value;
  const info = detail('ErrorInfo');
  const badRequest = detail('BadRequest');
  const resource = detail('ResourceInfo');
  const errorInfo = info === undefined ? undefined : ErrorInfo.decode(info);
  const resourceInfo = resource === undefined ? undefined : ResourceInfo.decode(resource);
  return {
    code: error.code,
    message: error.details,
    reason: errorInfo?.reason,
    domain: errorInfo?.domain,
    metadata: errorInfo?.metadata ?? {},
    violations: badRequest === undefined ? [] : BadRequest.decode(badRequest).fieldViolations.map(({ field, description }) => ({ field, description })),
    resource: resourceInfo === undefined ? undefined : { type: resourceInfo.resourceType, name: resourceInfo.resourceName },
  };
}
