import { describe, expect, it } from 'vitest';
import { refusalError, resumeRefusalError } from '../../../src/app/refusals.js';

describe('refusalError', () => {
  it('answers the refusals a caller can cause with their reason and facts', () => {
    expect(refusalError({ reason: 'already_terminal', status: 'completed' })).toMatchObject({
      reason: 'already_terminal',
      code: 'failed_precondition',
      metadata: { status: 'completed' },
    });
    expect(refusalError({ reason: 'not_suspended', status: 'running' })).toMatchObject({ reason: 'not_suspended', metadata: { status: 'running' } });
    expect(refusalError({ reason: 'not_resumable', kind: 'retry' })).toMatchObject({ reason: 'not_resumable', metadata: { kind: 'retry' } });
  });

  it('calls the refusals only a wrong input of the service itself causes a bug', () => {
    expect(refusalError({ reason: 'already_started', status: 'running' }).family).toBe('bug');
    expect(refusalError({ reason: 'stale_outcome', nodeKey: 'a', runIndex: 1 }).family).toBe('bug');
    expect(refusalError({ reason: 'not_due', wakeAt: 5 }).family).toBe('bug');
    expect(refusalError({ reason: 'not_running', status: 'pending' }).family).toBe('bug');
  });
});

describe('resumeRefusalError', () => {
  it('keeps string details as they are and writes the others as JSON', () => {
    const error = resumeRefusalError({ reason: 'wrong_node', details: { expected: 'wait', run_index: 2, given: null } });
    expect(error).toMatchObject({ reason: 'wrong_node', code: 'failed_precondition' });
    expect(error.metadata).toEqual({ expected: 'wait', run_index: '2', given: 'null' });
  });

  it.each(['token_expired', 'not_suspended', 'stale_token', 'wrong_node', 'not_resumable'] as const)('refuses %s as the caller’s fault', (reason) => {
    expect(resumeRefusalError({ reason, details: {} })).toMatchObject({ reason, family: 'caller' });
  });
});
