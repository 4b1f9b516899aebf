import type { Diagnostic } from '../domain/diagnostic.js';
import type { ExecutionEvent } from '../domain/events.js';
import type { Json, JsonObject } from '../domain/json.js';
import { qualifiedId } from '../domain/namespace.js';
import type { OverlapPolicy } from '../domain/schedule.js';
import type { WorkflowDefinition } from '../domain/workflow.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import { guarded, guardedStream } from './app-failure.js';
import type { ExecutionView } from './execution-view.js';
import { nodeCatalog, nodeTypeOf, type NodeTypeInfo } from './node-catalog.js';
import type { TaskRecord } from './ports/task-store.js';
import { MAX_EXECUTION_ID_LENGTH, RequestCheck } from './request-check.js';
import { cancelExecution } from './use-cases/cancel-execution.js';
import { compileWorkflow, getWorkflowGraph } from './use-cases/compile-workflow.js';
import type { AppContext } from './use-cases/context.js';
import { getExecution, listExecutions, type ListRequest, type ListResult } from './use-cases/read-executions.js';
import { resumeExecution, type ResumeRequest, type ResumeResult } from './use-cases/resume-execution.js';
import { runExecution, type RunResult } from './use-cases/run-execution.js';
import {
  backfillSchedule,
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  setPaused,
  triggerSchedule,
  updateSchedule,
  type ScheduleDefinition,
  type ScheduleView,
} from './use-cases/schedules.js';
import { startExecution, type StartRequest, type StartResult } from './use-cases/start-execution.js';
import { completeTask, extendTaskLease, failTask, pollTasks, type PollRequest } from './use-cases/tasks.js';
import { untilTerminal, watchExecution } from './use-cases/watch-execution.js';

/**
 * Every use case of the gRPC contract as a caller of one namespace sees it: graphs registered there,
 * executions whose ids carry it, tasks of those executions. Execution ids a caller names may be bare
 * (`order-1`) or full (`acme/order-1`); answers carry full ids. Transport handlers decode a request,
 * call one method of their caller's namespace, and encode the answer.
 */
export class NamespaceScope {
  constructor(
    readonly context: AppContext,
    readonly namespace: string,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  compileWorkflow(definition: WorkflowDefinition): Promise<{ graphId: string; diagnostics: readonly Diagnostic[] }> {
    return guarded(() => compileWorkflow(this.context, this.namespace, definition));
  }

  getWorkflowGraph(graphId: string): Promise<CompiledGraph> {
    return guarded(() => getWorkflowGraph(this.context, this.namespace, graphId));
  }

  /** ListNodeTypes: the node catalog (the same in every namespace). */
  listNodeTypes(): readonly NodeTypeInfo[] {
    return nodeCatalog(this.context.graphs.nodeTypes);
  }

  /** GetNodeType. */
  getNodeType(type: string): NodeTypeInfo {
    return nodeTypeOf(this.context.graphs.nodeTypes, type);
  }

  startExecution(request: StartRequest, signal?: AbortSignal): Promise<StartResult> {
    return guarded(() => startExecution(this.context, this.namespace, request, signal));
  }

  /** RunExecution: the events of a new (or retried) execution from seq 1 until it is settled. */
  async runExecution(request: StartRequest, signal?: AbortSignal): Promise<RunResult> {
    const run = await guarded(() => runExecution(this.context, this.namespace, request, this.onError, signal));
    return { ...run, events: guardedStream(run.events) };
  }

  watchExecution(executionId: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<ExecutionEvent> {
    const id = this.executionId(executionId);
    return guardedStream(watchExecution(this.context, this.namespace, id, afterSeq, untilTerminal, signal));
  }

  getExecution(executionId: string): Promise<ExecutionView> {
    return guarded(() => getExecution(this.context, this.namespace, this.executionId(executionId)));
  }

  listExecutions(request: ListRequest): Promise<ListResult> {
    return guarded(() => listExecutions(this.context, this.namespace, request));
  }

  resume(request: ResumeRequest, signal?: AbortSignal): Promise<ResumeResult> {
    return guarded(() => resumeExecution(this.context, this.namespace, request, signal));
  }

  cancelExecution(executionId: string, reason: string): Promise<ExecutionView> {
    return guarded(() => cancelExecution(this.context, this.namespace, this.executionId(executionId), reason));
  }

  pollTasks(request: PollRequest, signal?: AbortSignal): Promise<TaskRecord[]> {
    return guarded(() => pollTasks(this.context, this.namespace, request, signal));
  }

  completeTask(taskId: string, workerId: string, output: Json, port: string): Promise<{ alreadyCompleted: boolean }> {
    return guarded(() => completeTask(this.context, this.namespace, taskId, workerId, output, port));
  }

  failTask(taskId: string, workerId: string, error: { code: string; message: string; details: JsonObject }): Promise<{ alreadyFailed: boolean }> {
    return guarded(() => failTask(this.context, this.namespace, taskId, workerId, error));
  }

  extendTaskLease(taskId: string, workerId: string, leaseMs: number): Promise<number> {
    return guarded(() => extendTaskLease(this.context, this.namespace, taskId, workerId, leaseMs));
  }

  createSchedule(definition: ScheduleDefinition, paused: boolean, note: string): Promise<ScheduleView> {
    return guarded(() => createSchedule(this.context, this.namespace, definition, paused, note));
  }

  getSchedule(scheduleId: string, upcoming?: number): Promise<ScheduleView> {
    return guarded(() => getSchedule(this.context, this.namespace, scheduleId, upcoming));
  }

  listSchedules(pageSize: number, pageToken: string): Promise<{ views: ScheduleView[]; nextPageToken: string }> {
    return guarded(() => listSchedules(this.context, this.namespace, pageSize, pageToken));
  }

  updateSchedule(definition: ScheduleDefinition, expectedRevision: number): Promise<ScheduleView> {
    return guarded(() => updateSchedule(this.context, this.namespace, definition, expectedRevision));
  }

  /** PauseSchedule (true) and UnpauseSchedule (false). */
  pauseSchedule(scheduleId: string, paused: boolean, note: string): Promise<ScheduleView> {
    return guarded(() => setPaused(this.context, this.namespace, scheduleId, paused, note));
  }

  deleteSchedule(scheduleId: string): Promise<void> {
    return guarded(() => deleteSchedule(this.context, this.namespace, scheduleId));
  }

  /** TriggerSchedule: the id of the execution the tick starts. */
  triggerSchedule(scheduleId: string, overlap: OverlapPolicy | null): Promise<string> {
    return guarded(() => triggerSchedule(this.context, this.namespace, scheduleId, overlap));
  }

  /** BackfillSchedule: how many ticks were queued. */
  backfillSchedule(scheduleId: string, from: number, to: number, overlap: OverlapPolicy | null): Promise<number> {
    return guarded(() => backfillSchedule(this.context, this.namespace, scheduleId, from, to, overlap));
  }

  /** The full id of an execution the caller names (checked for length first). */
  private executionId(executionId: string): string {
    new RequestCheck().id('execution_id', executionId, MAX_EXECUTION_ID_LENGTH).done();
    return qualifiedId(this.namespace, executionId);
  }
}
