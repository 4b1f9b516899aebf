import type { Metadata } from '@grpc/grpc-js';
import { AppError, invalidRequest } from '../../app/app-error.js';
import { DEFAULT_NAMESPACE, isNamespaceName, NAMESPACE_RULE } from '../../domain/namespace.js';

/** The metadata key naming the namespace a call works in; a call without it works in `default`. */
export const NAMESPACE_METADATA = 'prana-namespace';

/** The namespace a call names in its metadata (`default` when none), or the error that refuses it. */
export function namespaceOfCall(metadata: Metadata): string | AppError {
  const values = metadata.get(NAMESPACE_METADATA);
  if (values.length === 0) return DEFAULT_NAMESPACE;
  const [value] = values;
  if (values.length > 1 || typeof value !== 'string') {
    return invalidRequest([{ field: NAMESPACE_METADATA, description: 'must be given once, as text' }]);
  }
  if (!isNamespaceName(value)) return invalidRequest([{ field: NAMESPACE_METADATA, description: NAMESPACE_RULE }]);
  return value;
}

/** The namespace of a call, or throws its refusal. */
export function callNamespace(metadata: Metadata): string {
  const namespace = namespaceOfCall(metadata);
  if (namespace instanceof AppError) throw namespace;
  return namespace;
}
