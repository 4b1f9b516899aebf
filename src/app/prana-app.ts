import { isTerminal } from '../domain/execution.js';
import type { JsonObject } from '../domain/json.js';
import { DEFAULT_NAMESPACE, namespaceOfId } from '../domain/namespace.js';
import type { ScheduleStore } from './ports/schedule-store.js';
import type { TaskStore } from './ports/task-store.js';
import { NamespaceScope } from './namespace-scope.js';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from '../engine/index.js';
import { DEFAULT_NODE_LIMITS, type NodeLimits, type NodeLogRecord, type OutboundPolicy } from '../nodes/kit/node-services.js';
import { EventHub } from './event-hub.js';
import { sweepExpired } from './runtime/retention.js';
import { NO_TELEMETRY, type Telemetry } from './ports/telemetry.js';
import { NO_TRACER, type Tracer } from './ports/tracer.js';
import { GraphRepository } from './graph-repository.js';
import { childExecutionId, externalTaskId } from './ids.js';
import type { Clock, Timers } from './ports/clock.js';
import type { EventLog } from './ports/event-log.js';
import type { ExecutionStore } from './ports/execution-store.js';
import type { GraphStore } from './ports/graph-store.js';
import type { IdempotencyStore } from './ports/idempotency-store.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-limits.js';
import { ResumeTokens } from './resume-tokens.js';
import { ExecutionRuntime } from './runtime/execution-runtime.js';
import { WakePoller } from './runtime/poller.js';
import { DEFAULT_TICK_SETTINGS } from './runtime/schedule-ticks.js';
import { ScheduleWorker } from './runtime/schedule-worker.js';
import { scheduleIo } from './use-cases/schedule-io.js';
import type { AppContext } from './use-cases/context.js';

/** The stores the service runs on (memory or MongoDB adapters). */
export interface Stores {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly graphs: GraphStore;
  readonly idempotency: IdempotencyStore;
  readonly tasks: TaskStore;
  readonly schedules: ScheduleStore;
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
  /** Namespaces kept for another time than `retentionMs` (0 keeps them), by namespace. */
  readonly retentionByNamespace?: Readonly<Record<string, number>>;
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
  /** Schedules: how often a tick buffered behind a running execution looks again (default 10 s; an end on this replica is seen at once). */
  readonly scheduleRecheckMs?: number;
}

/** The context of every use case, built from what the composition root provides. */
function contextOf(deps: AppDeps): AppContext {
  const graphs = deps.graphs;
  const tokens = new ResumeTokens(deps.tokenSecret);
  const hub = new EventHub(deps.subscriberQueue ?? 1000);
  const limits = { ...DEFAULT_ENGINE_LIMITS, ...deps.engineLimits };
  const nodeLimits = { ...DEFAULT_NODE_LIMITS, ...deps.nodeLimits };
  const reported = deps.telemetry ?? NO_TELEMETRY;
  // Executions that end here tell the schedule worker at once (a tick buffered behind one starts now).
  const telemetry: Telemetry = {
    wakeFired: (lagMs) => reported.wakeFired(lagMs),
    recovery: (action) => reported.recovery(action),
    tick: (result, lagMs) => reported.tick(result, lagMs),
    event: (event) => {
      reported.event(event);
      const ending = event.type === 'execution_completed' || event.type === 'execution_failed' || event.type === 'execution_cancelled';
      // Once the end is written (the event comes before the write).
      if (ending && scheduling.awaits(event.executionId)) {
        runtime
          .waitFor(event.executionId, (execution) => isTerminal(execution.status))
          .then(() => scheduling.executionEnded(event.executionId))
          .catch(() => undefined);
      }
    },
  };
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
    telemetry,
    tracer: deps.tracer ?? NO_TRACER,
    engine: {
      env: deps.env,
      limits,
      resumeToken: (parts) => tokens.issue(parts),
      services: {
        log: deps.log,
        outbound: deps.outbound,
        limits: nodeLimits,
        // A sub-workflow runs only a graph registered in its parent's namespace.
        graphExists: async (id, executionId) => (await graphs.registeredOf([id], namespaceOfId(executionId))).has(id),
        childExecutionId,
        taskId: externalTaskId,
      },
    },
  });
  const scheduling = new ScheduleWorker({
    store: deps.stores.schedules,
    clock: deps.clock,
    timers: deps.timers,
    owner: deps.owner,
    leaseMs: deps.leaseMs ?? 30_000,
    settings: {
      ...DEFAULT_TICK_SETTINGS,
      ...(deps.scheduleRecheckMs === undefined ? {} : { recheckMs: deps.scheduleRecheckMs }),
      report: (result, lagMs) => telemetry.tick(result, lagMs),
    },
    io: (namespace) => scheduleIo(context, namespace),
    onError: deps.onError,
  });
  const context: AppContext = {
    runtime,
    scheduling,
    schedules: deps.stores.schedules,
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
  return context;
}

/**
 * The application: every use case of the gRPC contract, over ports, and the background work of the
 * service. It answers the default namespace itself; `in(namespace)` answers another.
 */
export class PranaApp extends NamespaceScope {
  private readonly poller: WakePoller;
  private readonly sweep: (now: number) => Promise<number>;
  private readonly reportError: AppDeps['onError'];

  constructor(deps: AppDeps) {
    super(contextOf(deps), DEFAULT_NAMESPACE, deps.onError);
    this.reportError = deps.onError;
    const retention = { defaultMs: deps.retentionMs ?? 0, byNamespace: deps.retentionByNamespace ?? {} };
    this.sweep = (now) => sweepExpired(deps.stores, now, retention);
    const scheduling = this.context.scheduling;
    const targets = { ...this.context.runtime.pollTargets(), sweep: this.sweep, alsoPoll: (now: number, until: number) => scheduling.poll(now, until) };
    this.poller = new WakePoller(deps.stores.executions, targets, deps.clock, deps.timers, deps.pollMs ?? 1000, deps.onError);
  }

  /** Starts background work (polling the store for due wake-ups and orphaned executions). */
  start(): void {
    this.poller.start();
  }

  /** Stops background work and waits for the work in progress (bounded by `graceMs`). */
  async stop(graceMs?: number): Promise<void> {
    // The store closes after this: a polling pass in progress finishes first (within the grace).
    await this.context.runtime.stop(
      graceMs,
      Promise.all([this.poller.stop(), this.context.scheduling.stop()]).then(() => undefined),
    );
  }

  /** Deletes what is past retention now; returns how many executions went (the poller does it once a minute). */
  sweepNow(): Promise<number> {
    return this.sweep(this.context.clock.now());
  }

  /** One polling pass now (tests drive time with a fake clock). */
  pollNow(): Promise<number> {
    return this.poller.poll();
  }

  /** Resolves once this replica's schedule passes in progress have finished (tests drive time with a fake clock). */
  schedulesIdle(): Promise<void> {
    return this.context.scheduling.idle();
  }

  /** The use cases as a caller of `namespace` sees them. */
  in(namespace: string): NamespaceScope {
    return namespace === this.namespace ? this : new NamespaceScope(this.context, namespace, this.reportError);
  }
}
