import type {
  BatchMode as DomainBatchMode,
  FailureStrategy as DomainFailureStrategy,
  Suspension as DomainSuspension,
  SuspensionKind as DomainKind,
} from '../../../domain/suspension.js';
import { BatchMode, FailureStrategy, SuspensionKind, type Suspension } from '../../../gen/prana/v1/suspension.js';
import { encodeExecutionMode } from './execution-mode.js';
import { encodeNodeError } from './node-error.js';
import { encodeTime } from './time.js';

/**
 * Encodes a suspension as prana.v1.Suspension with its `kind` oneof. `attempt` is the attempt that
 * suspended: the run's attempt (NodeExecution.attempt), which the domain keeps on the run, not on the
 * suspension. A retry suspension's own `attempt` is the next attempt.
 */
export function encodeSuspension(suspension: DomainSuspension, attempt: number): Suspension {
  return {
    nodeKey: suspension.nodeKey,
    runIndex: suspension.runIndex,
    executionIndex: suspension.executionIndex,
    attempt,
    suspendedAt: encodeTime(suspension.suspendedAt),
    resumeToken: suspension.resumeToken,
    kind: encodeKind(suspension),
  };
}

/** The `kind` oneof of a suspension. */
function encodeKind(suspension: DomainSuspension): Suspension['kind'] {
  switch (suspension.kind) {
    case 'interval':
      return { $case: 'interval', value: { waitTill: encodeTime(suspension.waitTill) } };
    case 'schedule':
      return { $case: 'schedule', value: { waitTill: encodeTime(suspension.waitTill), timezone: suspension.timezone } };
    case 'webhook':
      return { $case: 'webhook', value: { expiresAt: encodeTime(suspension.expiresAt) } };
    case 'retry':
      return {
        $case: 'retry',
        value: {
          waitTill: encodeTime(suspension.waitTill),
          attempt: suspension.attempt,
          maxRetries: suspension.maxRetries,
          error: encodeNodeError(suspension.error),
        },
      };
    case 'sub_workflow':
      return {
        $case: 'subWorkflow',
        value: {
          workflowId: suspension.workflowId,
          mode: encodeExecutionMode(suspension.mode),
          batchMode: encodeBatchMode(suspension.batchMode),
          failureStrategy: encodeFailureStrategy(suspension.failureStrategy),
          childExecutionIds: [...suspension.childExecutionIds],
          timeoutAt: encodeTime(suspension.timeoutAt),
        },
      };
    case 'task':
      return { $case: 'task', value: { taskId: suspension.taskId, taskType: suspension.taskType, timeoutAt: encodeTime(suspension.timeoutAt) } };
  }
}

/** Encodes a suspension kind name as prana.v1.SuspensionKind. */
export function encodeSuspensionKind(kind: DomainKind): SuspensionKind {
  switch (kind) {
    case 'interval':
      return SuspensionKind.SUSPENSION_KIND_INTERVAL;
    case 'schedule':
      return SuspensionKind.SUSPENSION_KIND_SCHEDULE;
    case 'webhook':
      return SuspensionKind.SUSPENSION_KIND_WEBHOOK;
    case 'retry':
      return SuspensionKind.SUSPENSION_KIND_RETRY;
    case 'sub_workflow':
      return SuspensionKind.SUSPENSION_KIND_SUB_WORKFLOW;
    case 'task':
      return SuspensionKind.SUSPENSION_KIND_TASK;
  }
}

/** Encodes a sub-workflow batch mode as prana.v1.BatchMode. */
function encodeBatchMode(mode: DomainBatchMode): BatchMode {
  switch (mode) {
    case 'all':
      return BatchMode.BATCH_MODE_ALL;
    case 'single':
      return BatchMode.BATCH_MODE_SINGLE;
  }
}

/** Encodes a sub-workflow failure strategy as prana.v1.FailureStrategy. */
function encodeFailureStrategy(strategy: DomainFailureStrategy): FailureStrategy {
  switch (strategy) {
    case 'fail_parent':
      return FailureStrategy.FAILURE_STRATEGY_FAIL_PARENT;
    case 'continue':
      return FailureStrategy.FAILURE_STRATEGY_CONTINUE;
  }
}
