import { describe, expect, it } from 'vitest';
import { AppError, bug, classify, conflict, invalidRequest, notFound, refused, transient, type ErrorReason } from '../../../src/app/app-error.js';

/** Every reason of proto/prana/v1/errors.proto with the code and fault family a caller relies on. */
const TABLE: ReadonlyArray<readonly [ErrorReason, string, string]> = [
  ['invalid_request', 'invalid_argument', 'caller'],
  ['invalid_token', 'invalid_argument', 'caller'],
  ['invalid_port', 'invalid_argument', 'caller'],
  ['not_found', 'not_found', 'caller'],
  ['execution_id_conflict', 'already_exists', 'caller'],
  ['request_id_conflict', 'already_exists', 'caller'],
  ['schedule_exists', 'already_exists', 'caller'],
  ['revision_mismatch', 'failed_precondition', 'caller'],
  ['token_expired', 'failed_precondition', 'caller'],
  ['not_suspended', 'failed_precondition', 'caller'],
  ['stale_token', 'failed_precondition', 'caller'],
  ['wrong_node', 'failed_precondition', 'caller'],
  ['not_resumable', 'failed_precondition', 'caller'],
  ['already_terminal', 'failed_precondition', 'caller'],
  ['task_closed', 'failed_precondition', 'caller'],
  ['lease_not_held', 'failed_precondition', 'caller'],
  ['limit_exceeded', 'resource_exhausted', 'caller'],
  ['subscriber_too_slow', 'resource_exhausted', 'caller'],
  ['unimplemented', 'unimplemented', 'caller'],
  ['conflict', 'aborted', 'conflict'],
  ['store_unavailable', 'unavailable', 'transient'],
  ['shutting_down', 'unavailable', 'transient'],
  ['deadline_exceeded', 'deadline_exceeded', 'transient'],
  ['cancelled', 'cancelled', 'transient'],
  ['internal', 'internal', 'bug'],
];

describe('classify', () => {
  it.each(TABLE)('%s is %s, the fault of %s', (reason, code, family) => {
    expect(classify(reason)).toEqual({ code, family });
  });
});

describe('AppError', () => {
  it('derives its code and family from its reason and keeps its facts', () => {
    const cause = new Error('underneath');
    const error = new AppError({ reason: 'wrong_node', message: 'not that node', metadata: { node_key: 'a' }, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect([error.code, error.family, error.message]).toEqual(['failed_precondition', 'caller', 'not that node']);
    expect(error.metadata).toEqual({ node_key: 'a' });
    expect(error.fieldViolations).toEqual([]);
    expect(error.resource).toBeUndefined();
    expect(error.cause).toBe(cause);
  });

  it('invalidRequest names the first violation in its message and carries all of them', () => {
    const error = invalidRequest(
      [
        { field: 'graph_id', description: 'is required' },
        { field: 'input', description: 'is too large' },
      ],
      { input_bytes: '9' },
    );
    expect(error.reason).toBe('invalid_request');
    expect(error.message).toBe('invalid graph_id: is required');
    expect(error.fieldViolations).toHaveLength(2);
    expect(error.metadata).toEqual({ input_bytes: '9' });
    expect(invalidRequest([]).message).toBe('invalid request');
  });

  it('notFound names the resource without the package prefix', () => {
    const error = notFound('prana.v1.Execution', 'e-1');
    expect(error.message).toBe('Execution e-1 not found');
    expect(error.resource).toEqual({ type: 'prana.v1.Execution', name: 'e-1' });
    expect(error.code).toBe('not_found');
  });

  it('the factories build the family they are named for', () => {
    expect(refused('task_closed', 'closed', { task_id: 't' })).toMatchObject({ family: 'caller', reason: 'task_closed', metadata: { task_id: 't' } });
    expect(conflict('lost')).toMatchObject({ family: 'conflict', code: 'aborted' });
    expect(transient('store_unavailable', 'down')).toMatchObject({ family: 'transient', code: 'unavailable' });
    expect(bug('oops', new Error('x'))).toMatchObject({ family: 'bug', code: 'internal' });
  });
});
