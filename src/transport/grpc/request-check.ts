import type { Json } from '../../domain/json.js';
import { invalidRequest, type FieldViolation } from '../../app/app-error.js';
import { jsonBytes } from '../../app/request-limits.js';

/**
 * Collects every field violation of one request, so a caller learns about all of them at once, then
 * refuses the request with INVALID_ARGUMENT `invalid_request` and a BadRequest naming each field.
 */
export class RequestCheck {
  private readonly violations: FieldViolation[] = [];

  /** A required string field must not be empty. */
  required(field: string, value: string): this {
    if (value === '') this.add(field, 'is required');
    return this;
  }

  /** A string field must be at most `max` characters. */
  maxLength(field: string, value: string, max: number): this {
    if (value.length > max) this.add(field, `must be at most ${max} characters`);
    return this;
  }

  /** A number must lie in [min, max]. */
  range(field: string, value: number, min: number, max: number): this {
    if (!(value >= min && value <= max)) this.add(field, `must be from ${min} to ${max}`);
    return this;
  }

  /** A JSON value, serialised, must be at most `max` bytes. */
  maxBytes(field: string, value: Json | undefined, max: number): this {
    if (value !== undefined && jsonBytes(value) > max) this.add(field, `must be at most ${max} bytes serialised as JSON`);
    return this;
  }

  /** Records a violation. */
  add(field: string, description: string): this {
    this.violations.push({ field, description });
    return this;
  }

  /** Throws INVALID_ARGUMENT `invalid_request` when any violation was recorded. */
  done(): void {
    if (this.violations.length > 0) throw invalidRequest(this.violations);
  }
}
