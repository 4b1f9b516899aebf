import type { Json } from '../domain/json.js';
import { invalidRequest, type FieldViolation } from './app-error.js';

/** The longest id (execution, task, graph, node key, worker) any request may name. */
export const MAX_ID_LENGTH = 128;

/** The longest execution id a request may name: a namespace (63), a slash and an id (128). */
export const MAX_EXECUTION_ID_LENGTH = 192;

/** The longest resume token a request may carry. */
export const MAX_TOKEN_LENGTH = 1024;

/** Size of a JSON value in bytes, serialised. */
export function jsonBytes(value: Json | undefined): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
}

/**
 * Collects every field violation of one request, so a caller learns about all of them at once, then
 * refuses the request with INVALID_ARGUMENT `invalid_request` and a BadRequest naming each field by its
 * proto path. The one place requests are checked; each payload is measured once.
 */
export class RequestCheck {
  private readonly violations: FieldViolation[] = [];
  private readonly sizes: Record<string, string> = {};

  /** A required string field must not be empty. */
  required(field: string, value: string): this {
    if (value === '') this.add(field, 'is required');
    return this;
  }

  /** An id naming something stored: required, and at most MAX_ID_LENGTH characters (a longer one names nothing). */
  id(field: string, value: string, max: number = MAX_ID_LENGTH): this {
    if (value === '') return this.add(field, 'is required');
    if (value.length > max) this.add(field, `must be at most ${max} characters`);
    return this;
  }

  /** A string field must be at most `max` characters. */
  maxLength(field: string, value: string, max: number): this {
    if (value.length > max) this.add(field, `must be at most ${max} characters`);
    return this;
  }

  /** A string field must match `pattern`, described by `rule`. */
  matches(field: string, value: string, pattern: RegExp, rule: string): this {
    if (!pattern.test(value)) this.add(field, rule);
    return this;
  }

  /** A number must lie in [min, max]. */
  range(field: string, value: number, min: number, max: number): this {
    if (!(value >= min && value <= max)) this.add(field, `must be from ${min} to ${max}`);
    return this;
  }

  /** A JSON value, serialised, must be at most `max` bytes (measured once). */
  maxBytes(field: string, value: Json | undefined, max: number): this {
    if (value === undefined) return this;
    const bytes = jsonBytes(value);
    if (bytes > max) {
      this.add(field, `must be at most ${max} bytes serialised as JSON`);
      this.sizes[`${field}_bytes`] = String(bytes);
      this.sizes[`${field}_limit`] = String(max);
    }
    return this;
  }

  /** Records a violation. */
  add(field: string, description: string): this {
    this.violations.push({ field, description });
    return this;
  }

  /** Throws INVALID_ARGUMENT `invalid_request` when any violation was recorded (sizes as metadata). */
  done(): void {
    if (this.violations.length > 0) throw invalidRequest(this.violations, this.sizes);
  }
}
