import { isJsonObject, type Json, type JsonObject } from '../../../domain/json.js';
import type { NodeError as DomainNodeError } from '../../../domain/node-error.js';
import { ExecutionErrorKind, type ExecutionError, type NodeError } from '../../../gen/prana/v1/errors.js';
import { decodeStruct, encodeStruct } from './json.js';

/** Encodes a node error (execution data, never an RPC failure) as prana.v1.NodeError. */
export function encodeNodeError(error: DomainNodeError): NodeError {
  return { code: error.code, message: error.message, details: encodeStruct(error.details) };
}

/** Decodes the NodeError a worker sends to FailTask; `field` names it in field violations. */
export function decodeNodeError(error: NodeError | undefined, field: string): { code: string; message: string; details: JsonObject } {
  return { code: error?.code ?? '', message: error?.message ?? '', details: decodeStruct(error?.details, `${field}.details`) ?? {} };
}

/**
 * Encodes the derived error of a failed execution (the failed run's node error, or else the engine
 * error, as ExecutionView and `execution_failed` carry it) as prana.v1.ExecutionError. A node error
 * has a `code` and names its node in `details.node`; an engine error has a `type` and extra fields.
 */
export function encodeExecutionError(error: Json): ExecutionError {
  if (isJsonObject(error) && typeof error.code === 'string') {
    const details = isJsonObject(error.details) ? error.details : {};
    return {
      kind: ExecutionErrorKind.EXECUTION_ERROR_KIND_NODE,
      code: error.code,
      message: typeof error.message === 'string' ? error.message : '',
      details: encodeStruct(details),
      nodeKey: typeof details.node === 'string' ? details.node : '',
    };
  }
  if (isJsonObject(error) && typeof error.type === 'string') {
    const { type, message, ...rest } = error;
    return {
      kind: ExecutionErrorKind.EXECUTION_ERROR_KIND_ENGINE,
      code: type,
      message: typeof message === 'string' ? message : '',
      details: encodeStruct(rest),
      nodeKey: '',
    };
  }
  return { kind: ExecutionErrorKind.EXECUTION_ERROR_KIND_ENGINE, code: 'internal_error', message: JSON.stringify(error), details: {}, nodeKey: '' };
}
