import type { Execution } from '../../domain/execution.js';
import { isTerminal } from '../../domain/execution.js';
import { inNamespace } from '../../domain/namespace.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';
import { createExecution, currentSuspension, type EngineEnv, type ExecutionSpec } from '../../engine/index.js';
import { AppError, notFound } from '../app-error.js';
import type { EventHub } from '../event-hub.js';
import type { Telemetry } from '../ports/telemetry.js';
import type { Tracer } from '../ports/tracer.js';
import type { GraphRepository } from '../graph-repository.js';
import type { Clock, Timers } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { ExecutionStore } from '../ports/execution-store.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { TaskStore } from '../ports/task-store.js';
import { ExecutionActor, type DriveOutcome, type ResumeCall, type ResumeOutcome, type TaskCall } from './actor.js';
import { nextWakeOf } from './next-wake.js';
import { leaseFrom, UNSTORED } from './persistence.js';
import type { PollTargets } from './poller.js';
import { Waiters } from './waiters.js';
import { WakeScheduler } from './wake-scheduler.js';

export type { DriveOutcome, ResumeCall, ResumeOutcome, TaskCall } from './actor.js';

/** What the runtime needs from the composition root. */
export interface RuntimeDeps {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly tasks: TaskStore;
  readonly idempotency: IdempotencyStore;
  readonly graphs: GraphRepository;
  readonly hub: EventHub;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly engine: EngineEnv;
  /** This replica's name in leases. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly onError: (error: unknown, context: string) => void;
  readonly telemetry: Telemetry;
  readonly tracer: Tracer;
}

/**
 * Runs executions inside the service through one actor per execution (actor.ts): every change to an
 * execution is a message to its actor. The runtime creates actors on demand, forgets those that hold
 * nothing, arms wake-up timers, and answers reads from the live execution when this replica holds it.
 */
export class ExecutionRuntime {
  private readonly actors = new Map<string, ExecutionActor>();
  private readonly waiters: Waiters;
  readonly wakes: WakeScheduler;

  constructor(private readonly deps: RuntimeDeps) {
    this.waiters = new Waiters((id) => this.read(id), deps.onError);
    this.wakes = new WakeScheduler(deps.clock, deps.timers, (id) => {
      this.look(id).catch((error: unknown) => deps.onError(error, `wake ${id}`));
    });
  }

  /**
   * Creates an execution record (not started). A used id raises StoreConflict('exists'). A running
   * execution is created with this replica's lease; its actor holds it, ready to be started.
   *
   * With `storeWithFirstWrite`, nothing is written now: the execution is stored by the first write
   * of its drive (an insert with its events, when it waits, ends, or passes a checkpoint), so one that
   * runs to its end in one drive costs two store round trips instead of three. Only for an id nobody
   * else can hold (a generated one) and a caller who waits for the drive: until that write, nothing is
   * acknowledged, and a crash leaves nothing behind.
   */
  async create(graph: CompiledGraph, spec: ExecutionSpec, options: { readonly storeWithFirstWrite?: boolean } = {}): Promise<Execution> {
    const execution = createExecution(graph, spec, this.deps.engine.limits);
    const now = this.deps.clock.now();
    const lease = execution.status === 'running' ? leaseFrom(this.deps, now, 0) : null;
    if (options.storeWithFirstWrite === true && lease !== null) {
      this.actor(execution.id).adopt(execution, graph, UNSTORED, lease);
      return execution;
    }
    const stored = await this.deps.executions.insert({ execution, nextWakeAt: nextWakeOf(execution, null), lease, effects: [], updatedAt: now });
    if (lease !== null) this.actor(execution.id).adopt(execution, graph, stored.revision, lease);
    return execution;
  }

  /** Starts a created execution and answers once it waits. */
  start(id: string): Promise<DriveOutcome> {
    return this.actor(id).start();
  }

  /** Looks at an execution and does what it calls for (a due wake-up, a replica's unfinished work). */
  look(id: string): Promise<DriveOutcome | null> {
    return this.actor(id).look();
  }

  resume(id: string, call: ResumeCall): Promise<ResumeOutcome> {
    return this.actor(id).resume(call);
  }

  cancel(id: string, reason: string): Promise<DriveOutcome> {
    return this.actor(id).cancel(reason);
  }

  /** A worker finished a task of the execution. */
  taskFinished(id: string, call: TaskCall): Promise<{ readonly already: boolean }> {
    return this.actor(id).taskFinished(call);
  }

  /**
   * The current state of an execution: the live object when this replica holds it, else the store's.
   * With `namespace` (a caller's read), an execution of another namespace is not found.
   */
  async read(id: string, namespace?: string): Promise<Execution> {
    if (namespace !== undefined && !inNamespace(namespace, id)) throw notFound('prana.v1.Execution', id);
    const live = this.actors.get(id)?.liveAt(this.deps.clock.now());
    if (live !== null && live !== undefined) return live;
    const record = await this.deps.executions.get(id, namespace);
    if (record === null) throw notFound('prana.v1.Execution', id);
    return record.execution;
  }

  /** Resolves once `check` holds for the execution (checked now and after every write). */
  waitFor(id: string, check: (execution: Execution) => Promise<boolean> | boolean, signal?: AbortSignal): Promise<Execution> {
    return this.waiters.wait(id, check, signal);
  }

  /** True when the execution is settled: terminal, or suspended without running sync children. */
  async isSettled(execution: Execution, depth = 0): Promise<boolean> {
    if (isTerminal(execution.status) || execution.status === 'pending') return true;
    if (execution.status !== 'suspended') return false;
    const suspension = currentSuspension(execution);
    if (suspension === undefined || suspension.kind !== 'sub_workflow' || suspension.mode !== 'sync' || depth > 12) return true;
    for (const childId of suspension.childExecutionIds) {
      const child = await this.read(childId).catch(() => null);
      if (child !== null && !(await this.isSettled(child, depth + 1))) return false;
    }
    return true;
  }

  /** What the store poller drives: looks, and timers for wake-ups coming soon. */
  pollTargets(): Omit<PollTargets, 'sweep'> {
    return { look: (id) => this.look(id), arm: (id, at) => this.wakes.schedule(id, at) };
  }

  /**
   * Graceful shutdown: stops timers, then waits (up to `graceMs`) for the messages and node runs in
   * progress to reach their writes, so no execution is left half-written by this replica; whatever
   * still runs after that is taken over by another replica once its lease expires. `alsoAwait` is
   * other work to wait for within the same grace (the poller's pass in progress).
   */
  async stop(graceMs = 10_000, alsoAwait: Promise<void> = Promise.resolve()): Promise<void> {
    this.wakes.stop();
    let timer: { cancel(): void } | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = this.deps.timers.setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all([alsoAwait, ...[...this.actors.values()].map((actor) => actor.quiet())]), grace]);
    timer?.cancel();
  }

  private actor(id: string): ExecutionActor {
    let actor = this.actors.get(id);
    if (actor === undefined) {
      actor = new ExecutionActor(id, {
        ...this.deps,
        read: (other) =>
          this.read(other).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'not_found') return null;
            throw error;
          }),
        waiters: this.waiters,
        wakes: this.wakes,
        actorOf: (other) => this.actor(other),
        idle: (idle) => {
          if (idle.removable && this.actors.get(idle.id) === idle) this.actors.delete(idle.id);
        },
      });
      this.actors.set(id, actor);
    }
    return actor;
  }
}
