import type { Diagnostic } from '../domain/diagnostic.js';
import type { ExecutionEvent } from '../domain/events.js';
import type { Json, JsonObject } from '../domain/json.js';
import type { WorkflowDefinition } from '../domain/workflow.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from '../engine/index.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits, type NodeLogRecord, type OutboundPolicy } from '../nodes/kit/node-services.js';
import { EventHub } from './event-hub.js';
import { sweepExpired } from './runtime/retention.js';
import { RequestCheck } from './request-check.js';
import { NO_TELEMETRY, type Telemetry } from './ports/telemetry.js';
import { NO_TRACER, type Tracer } from './ports/tracer.js';
import type { ExecutionView } from './execution-view.js';
import { GraphRepository } from './graph-repository.js';
import { childExecutionId, externalTaskId } from './ids.js';
import type { Clock, Timers } from './ports/clock.js';
import type { EventLog } from './ports/event-log.js';
import type { ExecutionStore } from './ports/execution-store.js';
import type { GraphStore } from './ports/graph-store.js';
import type { IdempotencyStore } from './ports/idempotency-store.js';
import type { TaskRecord, TaskStore } from './ports/task-store.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.js';
import { ResumeTokens } from './resume-tokens.js';
import { ExecutionRuntime } from './runtime/execution-runtime.js';
import { WakePoller } from './runtime/poller.js';
import { cancelExecution } from './use-cases/cancel-execution.js';
import { compileWorkflow, getWorkflowGraph } from './use-cases/compile-workflow.js';
import type { AppContext } from './use-cases/context.js';
import { getExecution, listExecutions, type ListRequest, type ListResult } from './use-cases/read-executions.js';
import { resumeExecution, type ResumeRequest, type ResumeResult } from './use-cases/resume-execution.js';
import { startExecution, type StartRequest, type StartResult } from './use-cases/start-execution.js';
import { runExecution, type RunResult } from './use-cases/run-execution.js';
import { guarded, guardedStream } from './app-failure.js';
import { completeTask, extendTaskLease, failTask, pollTasks, type PollRequest } from './use-cases/tasks.js';
import { untilTerminal, watchExecution } from './use-cases/watch-execution.js';

/** The stores the service runs on (memory or MongoDB adapters). */
export interface Stores {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly graphs: GraphStore;
  readonly idempotency: IdempotencyStore;
  readonly tasks: TaskStore;
}

/** Everything the composition root provides. */
export interface AppDeps {
  readonly stores: Stores;
  /** Compiled graphs (over `stores.graphs`), built first: the execution stores resolve graph facts through it. */
  readonly graphs: GraphRepository;
  readonly clock: Clock;
  readonly timers: Timers;
  /** Secret under which resume tokens are signed. */
  readonly tokenSecret: string;
  /** `$env` of every execution. */
  readonly env: JsonObject;
  readonly outbound: OutboundPolicy;
  readonly log: (record: NodeLogRecord) => void;
  readonly onError: (error: unknown, context: string) => void;
  /** How long ended executions are kept (then deleted with their events, tasks and outputs); 0 keeps them. */
  readonly retentionMs?: number;
  /** Spans around execution steps and node runs; none by default. */
  readonly tracer?: Tracer;
  /** Metrics and state-change logs of the runtime; nothing by default. */
  readonly telemetry?: Telemetry;
  readonly owner: string;
  readonly engineLimits?: Partial<EngineLimits>;
  readonly nodeLimits?: Partial<NodeLimits>;
  readonly requestLimits?: Partial<RequestLimits>;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  readonly watchPollMs?: number;
  /** Live events queued per stream before it catches up from the event log instead. */
  readonly subscriberQueue?: number;
  /** Events a stream may fall behind before it ends with `subscriber_too_slow`. */
  readonly maxWatchLag?: number;
}

/**
 * The application: every use case of the gRPC contract, over ports. Transport handlers decode a
 * request, call one method, and encode the answer.
 */
export class PranaApp {
  readonly context: AppContext;
  private readonly poller: WakePoller;
  private readonly sweep: (now: number) => Promise<number>;
  private readonly onError: AppDeps['onError'];

  constructor(deps: AppDeps) {
    this.onError = deps.onError;
    const graphs = deps.graphs;
    const tokens = new ResumeTokens(deps.tokenSecret);
    const hub = new EventHub(deps.subscriberQueue ?? 1000);
    const limits = { ...DEFAULT_ENGINE_LIMITS, ...deps.engineLimits };
    const nodeLimits = { ...DEFAULT_NODE_LIMITS, ...deps.nodeLimits };
    const runtime: ExecutionRuntime = new ExecutionRuntime({
      executions: deps.stores.executions,
      events: deps.stores.events,
      tasks: deps.stores.tasks,
      idempotency: deps.stores.idempotency,
      graphs,
      hub,
      clock: deps.clock,
      timers: deps.timers,
      owner: deps.owner,
      leaseMs: deps.leaseMs ?? 30_000,
      onError: deps.onError,
      telemetry: deps.telemetry ?? NO_TELEMETRY,
      tracer: deps.tracer ?? NO_TRACER,
      engine: {
        env: deps.env,
        limits,
        resumeToken: (parts) => tokens.issue(parts),
        services: {
          log: deps.log,
          outbound: deps.outbound,
          limits: nodeLimits,
          graphExists: async (id) => (await graphs.load(id)) !== null,
          childExecutionId,
          taskId: externalTaskId,
        },
      },
    });
    this.context = {
      runtime,
      graphs,
      executions: deps.stores.executions,
      events: deps.stores.events,
      tasks: deps.stores.tasks,
      idempotency: deps.stores.idempotency,
      hub,
      clock: deps.clock,
      timers: deps.timers,
      tokens,
      limits: { ...DEFAULT_REQUEST_LIMITS, ...deps.requestLimits },
      watchPollMs: deps.watchPollMs ?? 250,
      maxWatchLag: deps.maxWatchLag ?? 10_000,
    };
    const retentionMs = deps.retentionMs ?? 0;
    this.sweep = (now) => sweepExpired(deps.stores, now, retentionMs);
    const targets = { ...runtime.pollTargets(), sweep: this.sweep };
    this.poller = new WakePoller(deps.stores.executions, targets, deps.clock, deps.timers, deps.pollMs ?? 1000, deps.onError);
  }

  /** Starts background work (polling the store for due wake-ups and orphaned executions). */
  start(): void {
    this.poller.start();
  }

  /** Stops background work and waits for the work in progress (bounded by `graceMs`). */
  async stop(graceMs?: number): Promise<void> {
    this.poller.stop();
    await this.context.runtime.stop(graceMs);
  }

  /** Deletes what is past retention now; returns how many executions went (the poller does it once a minute). */
  sweepNow(): Promise<number> {
    return this.sweep(this.context.clock.now());
  }

  /** One polling pass now (tests drive time with a fake clock). */
  pollNow(): Promise<number> {
    return this.poller.poll();
  }

  compileWorkflow(definition: WorkflowDefinition): Promise<{ graphId: string; diagnostics: readonly Diagnostic[] }> {
    return guarded(() => compileWorkflow(this.context, definition));
  }

  getWorkflowGraph(graphId: string): Promise<CompiledGraph> {
    return guarded(() => getWorkflowGraph(this.context, graphId));
  }

  startExecution(request: StartRequest, signal?: AbortSignal): Promise<StartResult> {
    return guarded(() => startExecution(this.context, request, signal));
  }

  /** RunExecution: the events of a new (or retried) execution from seq 1 until it is settled. */
  async runExecution(request: StartRequest, signal?: AbortSignal): Promise<RunResult> {
    const run = await guarded(() => runExecution(this.context, request, this.onError, signal));
    return { ...run, events: guardedStream(run.events) };
  }

  watchExecution(executionId: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<ExecutionEvent> {
    new RequestCheck().id('execution_id', executionId).done();
    return guardedStream(watchExecution(this.context, executionId, afterSeq, untilTerminal, signal));
  }

  getExecution(executionId: string): Promise<ExecutionView> {
    return guarded(() => {
      new RequestCheck().id('execution_id', executionId).done();
      return getExecution(this.context, executionId);
    });
  }

  listExecutions(request: ListRequest): Promise<ListResult> {
    return guarded(() => listExecutions(this.context, request));
  }

  resume(request: ResumeRequest, signal?: AbortSignal): Promise<ResumeResult> {
    return guarded(() => resumeExecution(this.context, request, signal));
  }

  cancelExecution(executionId: string, reason: string): Promise<ExecutionView> {
    return guarded(() => {
      new RequestCheck().id('execution_id', executionId).done();
      return cancelExecution(this.context, executionId, reason);
    });
  }

  pollTasks(request: PollRequest, signal?: AbortSignal): Promise<TaskRecord[]> {
    return guarded(() => pollTasks(this.context, request, signal));
  }

  completeTask(taskId: string, workerId: string, output: Json, port: string): Promise<{ alreadyCompleted: boolean }> {
    return guarded(() => completeTask(this.context, taskId, workerId, output, port));
  }

  failTask(taskId: string, workerId: string, error: { code: string; message: string; details: JsonObject }): Promise<{ alreadyFailed: boolean }> {
    return guarded(() => failTask(this.context, taskId, workerId, error));
  }

  extendTaskLease(taskId: string, workerId: string, leaseMs: number): Promise<number> {
    return guarded(() => extendTaskLease(this.context, taskId, workerId, leaseMs));
  }
}
