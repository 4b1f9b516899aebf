import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../../src/app/app-error.js';
import { ExecutionStatus } from '../../../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../../../src/gen/prana/v1/execution_service.js';
import { OnError } from '../../../../../src/gen/prana/v1/workflow.js';
import { decodeExecutionStatus, encodeExecutionStatus } from '../../../../../src/transport/grpc/codec/execution-status.js';
import { decodeViewDepth, decodeWait } from '../../../../../src/transport/grpc/codec/request-options.js';
import { decodeOnError, encodeOnError } from '../../../../../src/transport/grpc/codec/workflow.js';

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('decoded without error');
}

describe('execution status', () => {
  it('decodes what it encodes, for every status', () => {
    for (const status of ['pending', 'running', 'suspended', 'completed', 'failed', 'cancelled'] as const) {
      expect(decodeExecutionStatus(encodeExecutionStatus(status), 'statuses[0]')).toBe(status);
    }
  });

  it('reads UNSPECIFIED as matching nothing and refuses a number the contract does not define', () => {
    expect(decodeExecutionStatus(ExecutionStatus.EXECUTION_STATUS_UNSPECIFIED, 'statuses[0]')).toBeNull();
    const error = refusal(() => decodeExecutionStatus(99 as ExecutionStatus, 'statuses[2]'));
    expect(error.reason).toBe('invalid_request');
    expect(error.fieldViolations).toEqual([{ field: 'statuses[2]', description: 'unknown ExecutionStatus value 99' }]);
  });
});

describe('request options', () => {
  it('reads wait UNSPECIFIED as none and refuses unknown numbers', () => {
    expect(decodeWait(ExecutionWait.EXECUTION_WAIT_UNSPECIFIED)).toBe('none');
    expect(decodeWait(ExecutionWait.EXECUTION_WAIT_SETTLED)).toBe('settled');
    expect(decodeWait(ExecutionWait.EXECUTION_WAIT_TERMINAL)).toBe('terminal');
    expect(refusal(() => decodeWait(7 as ExecutionWait)).fieldViolations[0]?.field).toBe('wait');
  });

  it('reads view UNSPECIFIED as the RPC’s default and refuses unknown numbers', () => {
    expect(decodeViewDepth(ExecutionView.EXECUTION_VIEW_UNSPECIFIED, 'full')).toBe('full');
    expect(decodeViewDepth(ExecutionView.EXECUTION_VIEW_UNSPECIFIED, 'basic')).toBe('basic');
    expect(decodeViewDepth(ExecutionView.EXECUTION_VIEW_BASIC, 'full')).toBe('basic');
    expect(refusal(() => decodeViewDepth(9 as ExecutionView, 'basic')).fieldViolations[0]?.field).toBe('view');
  });
});

describe('on_error', () => {
  it('decodes what it encodes, UNSPECIFIED as absent, and passes an unknown number on for the compiler to report', () => {
    for (const setting of ['stop_workflow', 'continue', 'continue_error_output'] as const) expect(decodeOnError(encodeOnError(setting))).toBe(setting);
    expect(decodeOnError(OnError.ON_ERROR_UNSPECIFIED)).toBeUndefined();
    expect(decodeOnError(12 as OnError)).toBe('unknown on_error value 12');
  });
});
