// The one mapping from failures to gRPC statuses (src/transport/grpc/error-status.ts, call-failure.ts),
// case by case, including the failures no RPC can provoke on demand (a lost race, a bug).
import { EventEmitter } from 'node:events';
import { status, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { AppError, type AppErrorCode } from '../../../src/app/app-error.js';
import { DocumentTooLarge, StoreConflict, StoreUnavailable } from '../../../src/app/ports/execution-store.js';
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
  const codes: readonly [AppErrorCode, status][] = [
    ['invalid_argument', status.INVALID_ARGUMENT],
    ['not_found', status.NOT_FOUND],
    ['already_exists', status.ALREADY_EXISTS],
    ['failed_precondition', status.FAILED_PRECONDITION],
    ['aborted', status.ABORTED],
    ['resource_exhausted', status.RESOURCE_EXHAUSTED],
    ['unavailable', status.UNAVAILABLE],
    ['deadline_exceeded', status.DEADLINE_EXCEEDED],
    ['cancelled', status.CANCELLED],
    ['internal', status.INTERNAL],
  ];

  it.each(codes)('maps AppError code %s to gRPC status %i, keeping reason, metadata and message', (code, expected) => {
    const log = recordingLog();
    const error = asServiceError(toRpcError(new AppError(code, `some_${code}`, `message of ${code}`, { fact: 'value' }), log, 'test/Method'));
    const rich = expectStatus(error, { code: expected, reason: `some_${code}`, metadata: { fact: 'value' } });
    expect(rich.message).toBe(`message of ${code}`);
    expect(log.entries.map((entry) => entry.level)).toEqual(code === 'internal' ? ['error'] : []);
  });

  it('carries field violations as BadRequest and the looked-up resource as ResourceInfo', () => {
    const error = asServiceError(
      toRpcError(new AppError('invalid_argument', 'invalid_request', 'bad', {}, [{ field: 'labels["a b"]', description: 'bad key' }]), recordingLog(), 'm'),
    );
    expect(richStatus(error).violations).toEqual([{ field: 'labels["a b"]', description: 'bad key' }]);
    const missing = asServiceError(
      toRpcError(new AppError('not_found', 'not_found', 'gone', {}, [], { type: 'prana.v1.Task', name: 't-1' }), recordingLog(), 'm'),
    );
    expect(richStatus(missing).resource).toEqual({ type: 'prana.v1.Task', name: 't-1' });
  });

  it('writes statuses and suspension kinds in metadata as proto enum value names', () => {
    const log = recordingLog();
    expect(
      richStatus(asServiceError(toRpcError(new AppError('failed_precondition', 'not_suspended', 'm', { status: 'completed' }), log, 'm'))).metadata,
    ).toEqual({ status: 'EXECUTION_STATUS_COMPLETED' });
    expect(
      richStatus(asServiceError(toRpcError(new AppError('failed_precondition', 'already_terminal', 'm', { status: 'failed' }), log, 'm'))).metadata,
    ).toEqual({ status: 'EXECUTION_STATUS_FAILED' });
    expect(
      richStatus(asServiceError(toRpcError(new AppError('failed_precondition', 'not_resumable', 'm', { kind: 'sub_workflow' }), log, 'm'))).metadata,
    ).toEqual({ kind: 'SUSPENSION_KIND_SUB_WORKFLOW' });
    // A task's status is not an execution status and stays as it is.
    expect(richStatus(asServiceError(toRpcError(new AppError('failed_precondition', 'task_closed', 'm', { status: 'timed_out' }), log, 'm'))).metadata).toEqual(
      { status: 'timed_out' },
    );
  });

  it('maps StoreUnavailable to UNAVAILABLE store_unavailable and logs a warning', () => {
    const log = recordingLog();
    expectStatus(asServiceError(toRpcError(new StoreUnavailable('no server'), log, 'm')), { code: status.UNAVAILABLE, reason: 'store_unavailable' });
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn']);
  });

  it('maps a StoreConflict the application did not absorb to ABORTED conflict', () => {
    expectStatus(asServiceError(toRpcError(new StoreConflict('revision', 'lost'), recordingLog(), 'm')), { code: status.ABORTED, reason: 'conflict' });
  });

  it('maps DocumentTooLarge to RESOURCE_EXHAUSTED limit_exceeded with the limit', () => {
    expectStatus(asServiceError(toRpcError(new DocumentTooLarge(20, 10), recordingLog(), 'm')), {
      code: status.RESOURCE_EXHAUSTED,
      reason: 'limit_exceeded',
      metadata: { limit: '10' },
    });
  });

  it('maps anything else to INTERNAL internal without its text, and logs it as an error', () => {
    const log = recordingLog();
    const error = asServiceError(toRpcError(new TypeError('secret detail'), log, 'prana.v1.X/Y'));
    const rich = expectStatus(error, { code: status.INTERNAL, reason: 'internal' });
    expect(rich.message).toBe('internal error');
    expect(log.entries).toEqual([
      { level: 'error', fields: { err: expect.any(TypeError), method: 'prana.v1.X/Y' }, message: 'unexpected error while serving a call' },
    ]);
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
  const stoppedWaiting = new AppError('deadline_exceeded', 'deadline_exceeded', 'the call ended before the execution got there');

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
    const notFound = new AppError('not_found', 'not_found', 'gone');
    expectStatus(asServiceError(callFailure(notFound, scope('shutdown'), recordingLog(), 'm')), { code: status.NOT_FOUND, reason: 'not_found' });
    expectStatus(asServiceError(callFailure(notFound, scope(), recordingLog(), 'm')), { code: status.NOT_FOUND, reason: 'not_found' });
  });
});
