import type { Execution as DomainExecution, NodeExecution as DomainNodeExecution, ParentLink as DomainParentLink } from '../../../domain/execution.js';
import type { ExecutionView as AppExecutionView } from '../../../app/execution-view.js';
import type { Execution, NodeExecution, ParentLink } from '../../../gen/prana/v1/execution.js';
import { namespaceOfId } from '../../../domain/namespace.js';
import { encodeExecutionMode } from './execution-mode.js';
import { encodeExecutionStatus, encodeNodeExecutionStatus } from './execution-status.js';
import { encodeInt64 } from './int64.js';
import { encodeJson, encodeStruct } from './json.js';
import { encodeExecutionError, encodeNodeError } from './node-error.js';
import type { ViewDepth } from './request-options.js';
import { encodeSuspension } from './suspension.js';
import { encodeTime } from './time.js';

/**
 * Encodes an execution with what is derived from it (final output, error, current suspension) as
 * prana.v1.Execution. The BASIC depth leaves out `input`, `vars`, `state` and `node_executions`.
 */
export function encodeExecution(view: AppExecutionView, depth: ViewDepth): Execution {
  const execution = view.execution;
  const full = depth === 'full';
  const suspension = view.suspension;
  return {
    id: execution.id,
    namespace: namespaceOfId(execution.id),
    graphId: execution.graphId,
    workflowId: execution.workflowId,
    workflowVersion: execution.workflowVersion,
    status: encodeExecutionStatus(execution.status),
    mode: encodeExecutionMode(execution.mode),
    input: full ? encodeJson(execution.input) : undefined,
    vars: full ? encodeStruct(execution.vars) : undefined,
    labels: { ...execution.labels },
    parent: execution.parent === null ? undefined : encodeParentLink(execution.parent),
    state: full ? encodeStruct(execution.state) : undefined,
    nodeExecutions: full ? auditTrail(execution).map((run) => encodeNodeExecution(run, view.nodeType(run.nodeKey))) : [],
    output: view.output !== undefined ? encodeJson(view.output) : undefined,
    outputRef: '',
    error: view.error === undefined ? undefined : encodeExecutionError(view.error),
    suspension: suspension === undefined ? undefined : encodeSuspension(suspension, execution.runs.get(suspension.nodeKey)?.[0]?.attempt ?? 0),
    lastSeq: encodeInt64(execution.seq),
    iterationCount: execution.iterationCount,
    maxLoopIterations: execution.maxLoopIterations,
    createdAt: encodeTime(execution.createdAt),
    startedAt: encodeTime(execution.startedAt),
    updatedAt: encodeTime(lastChange(execution)),
    finishedAt: encodeTime(execution.finishedAt),
    cancelReason: execution.cancel?.reason,
  };
}

/** Encodes the link from a sub-workflow child to its parent run. */
export function encodeParentLink(parent: DomainParentLink): ParentLink {
  return {
    parentExecutionId: parent.parentExecutionId,
    parentNodeKey: parent.parentNodeKey,
    parentRunIndex: parent.parentRunIndex,
    rootExecutionId: parent.rootExecutionId,
  };
}

/** Encodes one audit-trail record as prana.v1.NodeExecution. */
function encodeNodeExecution(run: DomainNodeExecution, nodeType: string): NodeExecution {
  const completed = run.status === 'completed';
  return {
    nodeKey: run.nodeKey,
    nodeType,
    status: encodeNodeExecutionStatus(run.status),
    executionIndex: run.executionIndex,
    runIndex: run.runIndex,
    attempt: run.attempt,
    loopback: run.loopback,
    params: run.params === null ? undefined : encodeStruct(run.params),
    output: completed ? encodeJson(run.output) : undefined,
    outputRef: '',
    outputPort: completed ? (run.outputPort ?? '') : '',
    error: run.error === null ? undefined : encodeNodeError(run.error),
    suspension: run.suspension === null ? undefined : encodeSuspension(run.suspension, run.attempt),
    startedAt: encodeTime(run.startedAt),
    completedAt: encodeTime(run.completedAt),
    durationMs: encodeInt64(run.completedAt === null ? 0 : run.completedAt - run.startedAt),
  };
}

/** Every retained run, ordered by execution_index (the audit trail of the execution semantics). */
function auditTrail(execution: DomainExecution): DomainNodeExecution[] {
  const runs: DomainNodeExecution[] = [];
  for (const [, retained] of execution.runs) runs.push(...retained);
  return runs.sort((a, b) => a.executionIndex - b.executionIndex);
}

/**
 * The latest moment the execution records a change at: its start, finish, cancellation request, or a
 * run's start, completion or suspension. The stored record's write time is not part of the view.
 */
function lastChange(execution: DomainExecution): number {
  let latest = Math.max(execution.createdAt, execution.startedAt ?? 0, execution.finishedAt ?? 0, execution.cancel?.requestedAt ?? 0);
  for (const [, retained] of execution.runs) {
    for (const run of retained) latest = Math.max(latest, run.startedAt, run.completedAt ?? 0, run.suspension?.suspendedAt ?? 0);
  }
  return latest;
}
