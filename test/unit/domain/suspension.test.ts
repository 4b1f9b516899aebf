import { describe, expect, it } from 'vitest';
import type { ExecutionStatus } from '../../../src/domain/execution.js';
import { subWorkflowDecision } from '../../../src/domain/sub-workflow.js';
import { wakeAt } from '../../../src/domain/suspension.js';

describe('wakeAt', () => {
  it('is the time each kind of suspension must be woken at', () => {
    expect(wakeAt({ kind: 'interval', waitTill: 1 })).toBe(1);
    expect(wakeAt({ kind: 'schedule', waitTill: 2, timezone: 'UTC' })).toBe(2);
    expect(wakeAt({ kind: 'retry', waitTill: 3, attempt: 1, maxRetries: 2, error: { code: 'x', message: 'm' } as never })).toBe(3);
    expect(wakeAt({ kind: 'webhook', expiresAt: 4 })).toBe(4);
    expect(wakeAt({ kind: 'task', taskId: 't', taskType: 'ocr', timeoutAt: 5, timeoutMs: 1, outputPorts: [] })).toBe(5);
    const children = { kind: 'sub_workflow', workflowId: 'w', mode: 'sync', batchMode: 'all', failureStrategy: 'fail_parent', childExecutionIds: [] } as const;
    expect(wakeAt({ ...children, timeoutAt: 6 })).toBe(6);
    expect(wakeAt({ ...children, mode: 'fire_and_forget', timeoutAt: null })).toBeNull();
  });
});

describe('subWorkflowDecision', () => {
  const statuses = (entries: Record<string, ExecutionStatus>): ReadonlyMap<string, ExecutionStatus> => new Map(Object.entries(entries));
  const sync = (failureStrategy: 'fail_parent' | 'continue') => ({ mode: 'sync' as const, failureStrategy, childExecutionIds: ['a', 'b'] });

  it('resumes a fire_and_forget parent at once', () => {
    expect(subWorkflowDecision({ mode: 'fire_and_forget', failureStrategy: 'fail_parent', childExecutionIds: ['a'] }, statuses({}))).toBe('resume');
  });

  it('waits until every child ended, counting an unknown child as not ended', () => {
    expect(subWorkflowDecision(sync('continue'), statuses({ a: 'completed', b: 'running' }))).toBe('wait');
    expect(subWorkflowDecision(sync('continue'), statuses({ a: 'completed' }))).toBe('wait');
    expect(subWorkflowDecision(sync('continue'), statuses({ a: 'completed', b: 'failed' }))).toBe('resume');
  });

  it('resumes fail_parent as soon as one child failed or was cancelled; continue waits for the rest', () => {
    expect(subWorkflowDecision(sync('fail_parent'), statuses({ a: 'failed', b: 'running' }))).toBe('resume');
    expect(subWorkflowDecision(sync('fail_parent'), statuses({ a: 'pending', b: 'cancelled' }))).toBe('resume');
    expect(subWorkflowDecision(sync('continue'), statuses({ a: 'failed', b: 'suspended' }))).toBe('wait');
  });
});
