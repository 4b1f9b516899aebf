// Assertions on the rich error model of failed calls.
import type { ServiceError } from '@grpc/grpc-js';
import { expect } from 'vitest';
import { richStatus, type RichStatus } from './rich-status.js';

/** What a failure must carry; fields left out are not checked. */
export interface ExpectedStatus {
  readonly code: number;
  readonly reason: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Every field violation's field, in order. */
  readonly fields?: readonly string[];
  readonly resource?: { readonly type: string; readonly name: string };
}

/** Asserts the failure's status code, ErrorInfo (domain "prana"), BadRequest fields and ResourceInfo. */
export function expectStatus(error: ServiceError, expected: ExpectedStatus): RichStatus {
  const status = richStatus(error);
  expect({ code: status.code, reason: status.reason, domain: status.domain }, status.message).toEqual({
    code: expected.code,
    reason: expected.reason,
    domain: 'prana',
  });
  if (expected.metadata !== undefined) expect(status.metadata).toEqual(expected.metadata);
  if (expected.fields !== undefined) expect(status.violations.map((v) => v.field)).toEqual(expected.fields);
  if (expected.resource !== undefined) expect(status.resource).toEqual(expected.resource);
  return status;
}
