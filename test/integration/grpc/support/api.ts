// Short request builders over a TestService: every request is built with the generated fromPartial,
// so tests name only the fields they care about.
import type { CallOptions } from '@grpc/grpc-js';
import {
  CancelExecutionRequest,
  GetExecutionRequest,
  ListExecutionsRequest,
  ResumeRequest,
  RunExecutionRequest,
  StartExecutionRequest,
  WatchExecutionRequest,
  type DeepPartial,
  type ExecutionServiceClient,
} from '../../../../src/gen/prana/v1/execution_service.js';
import type { Workflow } from '../../../../src/gen/prana/v1/workflow.js';
import {
  CompleteTaskRequest,
  ExtendTaskLeaseRequest,
  FailTaskRequest,
  PollTasksRequest,
  type DeepPartial as TaskPartial,
} from '../../../../src/gen/prana/v1/task_service.js';
import { call, ok } from './calls.js';
import type { TestService } from './test-service.js';

type Options = Partial<CallOptions>;

/** The RPCs of a test service as promise-returning functions taking partial requests. */
export function api(t: TestService) {
  const w = t.workflows;
  const e: ExecutionServiceClient = t.executions;
  const k = t.tasks;
  return {
    compile: (workflow: Workflow) => call(w.compileWorkflow.bind(w), { workflow }),
    /** Compiles a workflow that must compile; returns its graph id. */
    graphOf: async (workflow: Workflow) => (await ok(w.compileWorkflow.bind(w), { workflow })).graphId,
    getGraph: (graphId: string) => call(w.getWorkflowGraph.bind(w), { graphId }),
    start: (request: DeepPartial<StartExecutionRequest>, options: Options = {}) =>
      call(e.startExecution.bind(e), StartExecutionRequest.fromPartial(request), options),
    run: (request: DeepPartial<RunExecutionRequest>, options: Options = {}) => e.runExecution(RunExecutionRequest.fromPartial(request), options),
    watch: (executionId: string, afterSeq = 0, options: Options = {}) =>
      e.watchExecution(WatchExecutionRequest.fromPartial({ executionId, afterSeq: String(afterSeq) }), options),
    get: (request: DeepPartial<GetExecutionRequest>, options: Options = {}) => call(e.getExecution.bind(e), GetExecutionRequest.fromPartial(request), options),
    list: (request: DeepPartial<ListExecutionsRequest>) => call(e.listExecutions.bind(e), ListExecutionsRequest.fromPartial(request)),
    resume: (request: DeepPartial<ResumeRequest>, options: Options = {}) => call(e.resume.bind(e), ResumeRequest.fromPartial(request), options),
    cancel: (executionId: string, reason = '') => call(e.cancelExecution.bind(e), CancelExecutionRequest.fromPartial({ executionId, reason })),
    poll: (request: TaskPartial<PollTasksRequest>, options: Options = {}) => call(k.pollTasks.bind(k), PollTasksRequest.fromPartial(request), options),
    complete: (request: TaskPartial<CompleteTaskRequest>) => call(k.completeTask.bind(k), CompleteTaskRequest.fromPartial(request)),
    fail: (request: TaskPartial<FailTaskRequest>) => call(k.failTask.bind(k), FailTaskRequest.fromPartial(request)),
    extend: (request: TaskPartial<ExtendTaskLeaseRequest>) => call(k.extendTaskLease.bind(k), ExtendTaskLeaseRequest.fromPartial(request)),
  };
}

/** The type of `api(t)`. */
export type Api = ReturnType<typeof api>;

/** The response of an outcome that must have succeeded. */
export function must<Response>(outcome: { ok: true; response: Response } | { ok: false; error: { code: number; details: string } }): Response {
  if (!outcome.ok) throw new Error(`call failed: ${outcome.error.code} ${outcome.error.details}`);
  return outcome.response;
}

/** The error of an outcome that must have failed. */
export function mustFail<Response>(
  outcome: { ok: true; response: Response } | { ok: false; error: import('@grpc/grpc-js').ServiceError },
): import('@grpc/grpc-js').ServiceError {
  if (outcome.ok) throw new Error(`call succeeded but a failure was expected: ${JSON.stringify(outcome.response)}`);
  return outcome.error;
}
