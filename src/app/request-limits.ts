import type { Json } from '../domain/json.js';
import { AppError, invalidRequest, type FieldViolation } from './app-error.js';

/** Limits checked at the edge, before any work (SEMANTICS.md §14; service settings). */
export interface RequestLimits {
  /** Start input and variables, serialised. */
  readonly maxInputBytes: number;
  /** Resume data, serialised (SEMANTICS.md §14: 1 MiB). */
  readonly maxResumeDataBytes: number;
  readonly maxLabels: number;
  readonly maxPageSize: number;
  readonly maxWorkflowParamsBytes: number;
}

/** Default request limits. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxInputBytes: 1024 * 1024,
  maxResumeDataBytes: 1024 * 1024,
  maxLabels: 32,
  maxPageSize: 500,
  maxWorkflowParamsBytes: 4 * 1024 * 1024,
});

const EXECUTION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const LABEL_KEY = /^[A-Za-z0-9_.-]{1,63}$/;

/** Size of a JSON value in bytes, serialised. */
export function jsonBytes(value: Json | undefined): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

/** INVALID_ARGUMENT `invalid_request` when a value is larger than allowed (the contract's size limits). */
export function checkSize(field: string, value: Json | undefined, max: number): void {
  const bytes = jsonBytes(value);
  if (bytes > max) {
    throw new AppError({
      reason: 'invalid_request',
      message: `${field} is ${bytes} bytes; the limit is ${max}`,
      metadata: { field, bytes: String(bytes), limit: String(max) },
      fieldViolations: [{ field, description: `larger than ${max} bytes` }],
    });
  }
}

/** Violations of the id and label rules of StartExecution. */
export function checkStartIds(
  executionId: string | undefined,
  requestId: string | undefined,
  labels: Readonly<Record<string, string>>,
  limits: RequestLimits,
): void {
  const violations: FieldViolation[] = [];
  if (executionId !== undefined && !EXECUTION_ID.test(executionId))
    violations.push({ field: 'execution_id', description: 'must be 1 to 128 characters from [A-Za-z0-9_.:-]' });
  if (requestId !== undefined && (requestId.length === 0 || requestId.length > 128))
    violations.push({ field: 'request_id', description: 'must be 1 to 128 characters' });
  const keys = Object.keys(labels);
  if (keys.length > limits.maxLabels) violations.push({ field: 'labels', description: `at most ${limits.maxLabels} labels` });
  for (const key of keys) {
    if (!LABEL_KEY.test(key)) violations.push({ field: `labels[${JSON.stringify(key)}]`, description: 'keys are 1 to 63 characters from [A-Za-z0-9_.-]' });
    else if ((labels[key] as string).length > 255)
      violations.push({ field: `labels[${JSON.stringify(key)}]`, description: 'values are at most 255 characters' });
  }
  if (violations.length > 0) throw invalidRequest(violations);
}
