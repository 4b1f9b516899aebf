import type { ExecutionEvent as DomainEvent, NodeRef } from '../../../domain/events.js';
import type { ResumeReason as DomainResumeReason } from '../../../domain/resumption.js';
import type { SuspensionKind as DomainKind } from '../../../domain/suspension.js';
import { ResumeReason, type ExecutionEvent, type ExecutionSuspendedEvent, type NodeRun } from '../../../gen/prana/v1/events.js';
import { encodeParentLink } from './execution.js';
import { encodeExecutionMode } from './execution-mode.js';
import { encodeInt64 } from './int64.js';
import { encodeJson } from './json.js';
import { encodeExecutionError, encodeNodeError } from './node-error.js';
import { encodeSuspension, encodeSuspensionKind } from './suspension.js';
import { encodeTime } from './time.js';

/** Encodes one event of an execution's event log as prana.v1.ExecutionEvent. */
export function encodeEvent(event: DomainEvent): ExecutionEvent {
  return { seq: encodeInt64(event.seq), time: encodeTime(event.time), executionId: event.executionId, event: encodeBody(event) };
}

/** The `event` oneof. */
function encodeBody(event: DomainEvent): ExecutionEvent['event'] {
  switch (event.type) {
    case 'execution_started':
      return {
        $case: 'executionStarted',
        value: {
          graphId: event.graphId,
          workflowId: event.workflowId,
          workflowVersion: event.workflowVersion,
          mode: encodeExecutionMode(event.mode),
          parent: event.parent === null ? undefined : encodeParentLink(event.parent),
          input: encodeJson(event.input),
          inputRef: '',
        },
      };
    case 'node_starting':
      return { $case: 'nodeStarting', value: { run: nodeRun(event, event.attempt), loopback: event.loopback } };
    case 'node_completed':
      return {
        $case: 'nodeCompleted',
        value: {
          run: nodeRun(event, event.attempt),
          port: event.port,
          output: encodeJson(event.output),
          outputRef: '',
          durationMs: encodeInt64(event.durationMs),
          resumed: event.resumed,
        },
      };
    case 'node_failed':
      return { $case: 'nodeFailed', value: { run: nodeRun(event, event.attempt), error: encodeNodeError(event.error) } };
    case 'node_suspended':
      return { $case: 'nodeSuspended', value: { run: nodeRun(event, event.attempt), suspension: encodeSuspension(event.suspension, event.attempt) } };
    case 'node_retry_scheduled':
      // The domain carries the attempt about to happen; the contract names the one that failed.
      return {
        $case: 'nodeRetryScheduled',
        value: {
          run: nodeRun(event, event.attempt - 1),
          nextAttempt: event.attempt,
          waitTill: encodeTime(event.waitTill),
          error: encodeNodeError(event.error),
        },
      };
    case 'execution_suspended':
      return {
        $case: 'executionSuspended',
        value: { nodeKey: event.nodeKey, kind: encodeSuspensionKind(event.kind), ...wakeFields(event.kind, event.wakeAt) },
      };
    case 'execution_resumed':
      return { $case: 'executionResumed', value: { nodeKey: event.nodeKey, reason: encodeResumeReason(event.reason), requestId: event.requestId ?? '' } };
    case 'execution_completed':
      return { $case: 'executionCompleted', value: { output: encodeJson(event.output), outputRef: '' } };
    case 'execution_failed':
      return { $case: 'executionFailed', value: { error: encodeExecutionError(event.error) } };
    case 'execution_cancelled':
      return { $case: 'executionCancelled', value: { reason: event.reason, nodeKey: event.nodeKey ?? '' } };
  }
}

/** The run identity of a node event, with the attempt the contract names. */
function nodeRun(ref: NodeRef, attempt: number): NodeRun {
  return { nodeKey: ref.nodeKey, nodeType: ref.nodeType, runIndex: ref.runIndex, executionIndex: ref.executionIndex, attempt };
}

/** `execution_suspended` puts the wake-up time in the field its kind names. */
function wakeFields(kind: DomainKind, wakeAt: number | null): Pick<ExecutionSuspendedEvent, 'waitTill' | 'expiresAt' | 'timeoutAt'> {
  const at = encodeTime(wakeAt);
  switch (kind) {
    case 'interval':
    case 'schedule':
    case 'retry':
      return { waitTill: at, expiresAt: undefined, timeoutAt: undefined };
    case 'webhook':
      return { waitTill: undefined, expiresAt: at, timeoutAt: undefined };
    case 'sub_workflow':
    case 'task':
      return { waitTill: undefined, expiresAt: undefined, timeoutAt: at };
  }
}

/** Encodes why an execution resumed as prana.v1.ResumeReason. */
function encodeResumeReason(reason: DomainResumeReason): ResumeReason {
  switch (reason) {
    case 'resume':
      return ResumeReason.RESUME_REASON_RESUME;
    case 'timer':
      return ResumeReason.RESUME_REASON_TIMER;
    case 'deadline':
      return ResumeReason.RESUME_REASON_DEADLINE;
    case 'retry':
      return ResumeReason.RESUME_REASON_RETRY;
    case 'sub_workflow':
      return ResumeReason.RESUME_REASON_SUB_WORKFLOW;
    case 'task':
      return ResumeReason.RESUME_REASON_TASK;
  }
}
