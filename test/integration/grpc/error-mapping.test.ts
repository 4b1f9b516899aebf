// The one mapping from failures to gRPC statuses (src/transport/grpc/error-status.ts, call-failure.ts),
// reason by reason, including the failures no RPC can provoke on demand (a lost race, a bug).
import { EventEmitter } from 'node:events';
import { status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { AppError, invalidRequest, notFound, refused, transient, type ErrorReason } from '../../../src/app/app-error.js';
import { CallScope } from '../../../src/transport/grpc/call-scope.js';
import { callFailure } from '../../../src/transport/grpc/call-failure.js';
import { toRpcError } from '../../../src/transport/grpc/error-status.js';
import { expectStatus } from './support/expect-status.js';
import { richStatus } from './support/rich-status.js';

/** A log that remembers what was logged at which level. */
function recordingLog() {
  const entries: { level: 'warn' | 'error'; fields: object; message: string }[] = [];
  return {
    entries,
    warn: (fields: object, message: string) => entries.push({ level: 'warn', fields, message }),
    error: (fields: object, message: string) => entries.push({ level: 'error', fields, message }),
  };
}

const asServiceError = (error: ReturnType<typeof toRpcError>): ServiceError => error as ServiceError;

describe('toRpcError', () => {
  // Every reason of errors.proto and its status: a reason missing here does not compile.
  const statuses: Readonly<Record<ErrorReason, status>> = {
    invalid_request: status.INVALID_ARGUMENT,
    invalid_token: status.INVALID_ARGUMENT,
    invalid_port: status.INVALID_ARGUMENT,
    not_found: status.NOT_FOUND,
    execution_id_conflict: status.ALREADY_EXISTS,
    request_id_conflict: status.ALREADY_EXISTS,
    schedule_exists: status.ALREADY_EXISTS,
    revision_mismatch: status.FAILED_PRECONDITION,
    token_expired: status.FAILED_PRECONDITION,
    not_suspended: status.FAILED_PRECONDITION,
    stale_token: status.FAILED_PRECONDITION,
    wrong_node: status.FAILED_PRECONDITION,
    not_resumable: status.FAILED_PRECONDITION,
    already_terminal: status.FAILED_PRECONDITION,
    task_closed: status.FAILED_PRECONDITION,
    lease_not_held: status.FAILED_PRECONDITION,
    limit_exceeded: status.RESOURCE_EXHAUSTED,
    subscriber_too_slow: status.RESOURCE_EXHAUSTED,
    unimplemented: status.UNIMPLEMENTED,
    unauthenticated: status.UNAUTHENTICATED,
    permission_denied: status.PERMISSION_DENIED,
    conflict: status.ABORTED,
    store_unavailable: status.UNAVAILABLE,
    shutting_down: status.UNAVAILABLE,
    deadline_exceeded: status.DEADLINE_EXCEEDED,
    cancelled: status.CANCELLED,
    internal: status.INTERNAL,
  };

  it('bounds every echoed value: message, metadata, field violations and resource name', () => {
    const long = 'v'.repeat(30_000);
    const error = asServiceError(
      toRpcError(
        new AppError({ reason: 'invalid_request', message: long, metadata: { value: long }, fieldViolations: [{ field: long, description: long }] }),
        recordingLog(),
        'test/Method',
      ),
    );
    const rich = expectStatus(error, { code: status.INVALID_ARGUMENT, reason: 'invalid_request' });
    expect(rich.message).toHaveLength(1024);
    expect(rich.message.endsWith('…')).toBe(true);
    expect(rich.metadata.value).toHaveLength(256);
    expect(rich.violations[0]?.field).toHaveLength(256);
    const notFound = richStatus(
      asServiceError(
        toRpcError(new AppError({ reason: 'not_found', message: 'x', resource: { type: 'prana.v1.Execution', name: long } }), recordingLog(), 'm'),
      ),
    );
    expect(notFound.resource?.name).toHaveLength(256);
  });

  it.each(Object.entries(statuses) as [ErrorReason, status][])('maps reason %s to gRPC status %i, keeping reason, metadata and message', (reason, expected) => {
    const log = recordingLog();
    const error = asServiceError(toRpcError(new AppError({ reason, message: `message of ${reason}`, metadata: { fact: 'value' } }), log, 'test/Method'));
    const rich = expectStatus(error, { code: expected, reason, metadata: { fact: 'value' } });
    expect(rich.message).toBe(reason === 'internal' ? 'internal error' : `message of ${reason}`);
    const levels = log.entries.map((entry) => entry.level);
    expect(levels).toEqual(reason === 'internal' ? ['error'] : reason === 'store_unavailable' ? ['warn'] : []);
  });

  it('carries field violations as BadRequest and the looked-up resource as ResourceInfo', () => {
    const error = asServiceError(toRpcError(invalidRequest([{ field: 'labels["a b"]', description: 'bad key' }]), recordingLog(), 'm'));
    expect(richStatus(error).violations).toEqual([{ field: 'labels["a b"]', description: 'bad key' }]);
    const missing = asServiceError(toRpcError(notFound('prana.v1.Task', 't-1'), recordingLog(), 'm'));
    expect(richStatus(missing).resource).toEqual({ type: 'prana.v1.Task', name: 't-1' });
  });

  it('writes statuses and suspension kinds in metadata as proto enum value names', () => {
    const log = recordingLog();
    expect(richStatus(asServiceError(toRpcError(refused('not_suspended', 'm', { status: 'completed' }), log, 'm'))).metadata).toEqual({
      status: 'EXECUTION_STATUS_COMPLETED',
    });
    expect(richStatus(asServiceError(toRpcError(refused('already_terminal', 'm', { status: 'failed' }), log, 'm'))).metadata).toEqual({
      status: 'EXECUTION_STATUS_FAILED',
    });
    expect(richStatus(asServiceError(toRpcError(refused('not_resumable', 'm', { kind: 'sub_workflow' }), log, 'm'))).metadata).toEqual({
      kind: 'SUSPENSION_KIND_SUB_WORKFLOW',
    });
    // A task's status is not an execution status and stays as it is.
    expect(richStatus(asServiceError(toRpcError(refused('task_closed', 'm', { status: 'timed_out' }), log, 'm'))).metadata).toEqual({ status: 'timed_out' });
  });

  it('maps anything that is not an AppError to INTERNAL internal without its text, and logs it as an error', () => {
    const log = recordingLog();
    const error = asServiceError(toRpcError(new TypeError('secret detail'), log, 'prana.v1.X/Y'));
    const rich = expectStatus(error, { code: status.INTERNAL, reason: 'internal' });
    expect(rich.message).toBe('internal error');
    expect(log.entries).toEqual([{ level: 'error', fields: { err: expect.any(TypeError), method: 'prana.v1.X/Y' }, message: 'internal error' }]);
  });
});

describe('callFailure', () => {
  /** A scope over a call without a deadline, aborted with `cause` when given. */
  function scope(cause?: 'cancelled' | 'deadline' | 'shutdown'): CallScope {
    const call = Object.assign(new EventEmitter(), { getDeadline: () => Infinity });
    const created = new CallScope(call, () => undefined);
    if (cause !== undefined) created.abort(cause);
    return created;
  }
  const stoppedWaiting = transient('deadline_exceeded', 'the call ended before the execution got there');

  it('answers UNAVAILABLE shutting_down when a drain stopped the wait', () => {
    expectStatus(asServiceError(callFailure(stoppedWaiting, scope('shutdown'), recordingLog(), 'm')), { code: status.UNAVAILABLE, reason: 'shutting_down' });
  });

  it('answers DEADLINE_EXCEEDED or CANCELLED when the deadline or the caller stopped it', () => {
    expectStatus(asServiceError(callFailure(stoppedWaiting, scope('deadline'), recordingLog(), 'm')), {
      code: status.DEADLINE_EXCEEDED,
      reason: 'deadline_exceeded',
    });
    expectStatus(asServiceError(callFailure(stoppedWaiting, scope('cancelled'), recordingLog(), 'm')), { code: status.CANCELLED, reason: 'cancelled' });
  });

  it('maps other failures normally even while the call is being stopped', () => {
    const gone = notFound('prana.v1.Execution', 'gone');
    expectStatus(asServiceError(callFailure(gone, scope('shutdown'), recordingLog(), 'm')), { code: status.NOT_FOUND, reason: 'not_found' });
    expectStatus(asServiceError(callFailure(gone, scope(), recordingLog(), 'm')), { code: status.NOT_FOUND, reason: 'not_found' });
  });
});
