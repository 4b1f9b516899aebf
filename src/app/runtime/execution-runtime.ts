import type { Execution } from '../../domain/execution.js';
import { isTerminal } from '../../domain/execution.js';
import type { EngineError } from '../../domain/node-error.js';
import type { ChildResult, Resumption } from '../../domain/resumption.js';
import type { ChildSpec, Suspension } from '../../domain/suspension.js';
import type { ExecutionGraph } from '../../compiler/execution-graph.js';
import { createExecution, currentSuspension, transition, type EngineEnv, type EngineInput, type ExecutionSpec, type PersistReason, type Refusal } from '../../engine/index.js';
import { subWorkflowDecision } from '../../nodes/execute-workflow.js';
import { AppError, notFound } from '../app-error.js';
import { drive } from '../drive.js';
import type { EventHub } from '../event-hub.js';
import type { GraphRepository } from '../graph-repository.js';
import { KeyedLock } from '../keyed-lock.js';
import type { Clock, Timers } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import { DocumentTooLarge, StoreConflict, type ExecutionRecord, type ExecutionStore } from '../ports/execution-store.js';
import type { TaskStore } from '../ports/task-store.js';
import { nextWakeOf } from './next-wake.js';
import { childResult, childSpecOf, type SubWorkflowSuspension } from './children.js';
import { taskRecordOf } from './task-record.js';
import { Waiters } from './waiters.js';
import type { Session } from './session.js';

/** What the runtime needs from the composition root. */
export interface RuntimeDeps {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly tasks: TaskStore;
  readonly graphs: GraphRepository;
  readonly hub: EventHub;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly engine: EngineEnv;
  /** This replica's name in leases. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly onError: (error: unknown, context: string) => void;
}

/** How a drive ended for its caller. */
export interface DriveOutcome {
  readonly execution: Execution;
  readonly refusal: Refusal | null;
}

/** Wake-ups further away than this are left to the store poller (they survive restarts anyway). */
const IN_PROCESS_TIMER_HORIZON_MS = 10 * 60_000;


/**
 * Runs executions inside the service: one writer per execution at a time (a per-execution lock in
 * this process, leases and conditional writes across replicas), persisting at the engine's
 * checkpoints, and carrying out what a suspension or an ending implies: children, tasks, timers and
 * parents waiting on children.
 */
export class ExecutionRuntime {
  private readonly lock = new KeyedLock();
  private readonly live = new Map<string, Session>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly waiters: Waiters;
  private stopped = false;

  constructor(private readonly deps: RuntimeDeps) {
    this.waiters = new Waiters((id) => this.read(id), deps.onError);
  }

  /**
   * Creates an execution record (not started). A used id raises StoreConflict('exists'). A running
   * execution is created with this replica's lease and stays live here, ready to be started.
   */
  async create(graph: ExecutionGraph, spec: ExecutionSpec, dueAt: number | null = null): Promise<Execution> {
    const execution = createExecution(graph, spec, this.deps.engine.limits);
    const now = this.deps.clock.now();
    const lease = execution.status === 'running' ? this.lease(now, 0) : null;
    const stored = await this.deps.executions.insert({ execution, nextWakeAt: nextWakeOf(execution, dueAt), lease, updatedAt: now });
    if (lease !== null && !this.live.has(execution.id)) {
      this.live.set(execution.id, { execution, graph, revision: stored.revision, lease, unsaved: [] });
    }
    return execution;
  }

  /** Applies one engine input to an execution and drives it until it waits again. */
  apply(id: string, input: (now: number) => EngineInput): Promise<DriveOutcome> {
    return this.lock.run(id, async () => {
      const claimed = !this.live.has(id);
      return this.driveLocked(await this.session(id), claimed, input(this.deps.clock.now()));
    });
  }

  /**
   * Drives a session under its lock. When the input was refused and the lease was taken only for it,
   * the lease is released at once, so the execution is not held back from the poller or others.
   */
  private async driveLocked(session: Session, claimed: boolean, input: EngineInput): Promise<DriveOutcome> {
    const id = session.execution.id;
    try {
      const outcome = await this.driveSession(session, input);
      if (claimed && outcome.refusal !== null && session.lease !== null) {
        await this.deps.executions.release(id, session.lease.owner, session.lease.epoch);
      }
      return outcome;
    } finally {
      if (session.execution.status !== 'running') this.live.delete(id);
    }
  }

  /** Starts a created (or pending) execution. */
  start(id: string): Promise<DriveOutcome> {
    return this.apply(id, (now) => ({ kind: 'start', now }));
  }

  /** Ends the current suspension with outside data (a caller, children, a worker). */
  resume(id: string, resumption: Resumption): Promise<DriveOutcome> {
    return this.apply(id, (now) => ({ kind: 'resume', now, resumption }));
  }

  /**
   * Requests cancellation (SEMANTICS.md §10). When this process is driving the execution right now,
   * the request is recorded on the live execution at once, so the main loop stops before the next
   * node instead of after the drive; otherwise it goes through the lock like any other input.
   */
  async cancel(id: string, reason: string): Promise<DriveOutcome> {
    const live = this.live.get(id);
    if (live !== undefined && live.execution.status === 'running' && this.lock.busy(id)) {
      const result = transition(live.execution, live.graph, { kind: 'cancel', now: this.deps.clock.now(), reason }, this.deps.engine);
      if (result.commands.length === 0 && result.events.length === 0) return { execution: result.execution, refusal: result.refusal };
    }
    try {
      return await this.apply(id, (now) => ({ kind: 'cancel', now, reason }));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'aborted')) throw error;
      return this.requestCancelOfForeignRun(id, reason);
    }
  }

  /**
   * Another replica drives the execution right now (it holds a live lease): record the cancel
   * request on the stored execution without taking the lease. The owner's next write meets the new
   * revision, takes the request over (see `persist`) and stops before its next node (§10).
   */
  private async requestCancelOfForeignRun(id: string, reason: string): Promise<DriveOutcome> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.deps.executions.get(id);
      if (record === null) throw notFound('prana.v1.Execution', id);
      if (record.execution.status !== 'running') return this.apply(id, (now) => ({ kind: 'cancel', now, reason }));
      if (record.execution.cancel !== null) return { execution: record.execution, refusal: null };
      const graph = await this.deps.graphs.load(record.execution.graphId);
      if (graph === null) throw new AppError('internal', 'internal', `graph ${record.execution.graphId} of execution ${id} is missing`);
      const now = this.deps.clock.now();
      const result = transition(record.execution, graph, { kind: 'cancel', now, reason }, this.deps.engine);
      try {
        await this.deps.executions.update({ execution: result.execution, nextWakeAt: record.nextWakeAt, lease: record.lease, updatedAt: now }, record.revision);
        return { execution: result.execution, refusal: null };
      } catch (error) {
        if (!(error instanceof StoreConflict)) throw error;
      }
    }
    throw new AppError('aborted', 'conflict', `execution ${id} kept changing while recording the cancel request; retry`);
  }

  /** Looks at an execution whose wake-up time may have come: starts a due pending child, fires a due suspension. */
  wake(id: string): Promise<DriveOutcome | null> {
    return this.lock.run(id, async () => {
      const wasLive = this.live.has(id);
      // Look before taking the lease: most looks find nothing to do (not due yet, already moved on).
      const now = this.deps.clock.now();
      const input = wasLive ? null : await this.wakeInput(id, now);
      if (input === null) return null;
      const session = await this.session(id).catch((error: unknown) => (error instanceof AppError ? null : Promise.reject(error)));
      if (session === null) return null;
      return this.driveLocked(session, true, input);
    });
  }

  /**
   * What waking a stored execution means now: start a due pending child, fire a due suspension,
   * recover a running execution whose owner's lease expired; null when nothing is due (a timer that
   * fired a little early is set again for the rest).
   */
  private async wakeInput(id: string, now: number): Promise<EngineInput | null> {
    const record = await this.deps.executions.get(id);
    if (record === null) return null;
    const status = record.execution.status;
    if (status === 'running') return record.lease === null || record.lease.until <= now ? { kind: 'recover', now } : null;
    if (status !== 'pending' && status !== 'suspended') return null;
    if (record.nextWakeAt === null) return null;
    if (record.nextWakeAt > now) {
      this.scheduleWake(id, record.nextWakeAt);
      return null;
    }
    return status === 'pending' ? { kind: 'start', now } : { kind: 'wake', now };
  }

  /** The current state of an execution: the live object when this process drives it, else the store's. */
  async read(id: string): Promise<Execution> {
    const session = this.live.get(id);
    if (session !== undefined) return session.execution;
    const record = await this.deps.executions.get(id);
    if (record === null) throw notFound('prana.v1.Execution', id);
    return record.execution;
  }

  /** Resolves once `check` holds for the execution (checked now and after every write). */
  waitFor(id: string, check: (execution: Execution) => Promise<boolean> | boolean, signal?: AbortSignal): Promise<Execution> {
    return this.waiters.wait(id, check, signal);
  }

  /** True when the execution is settled: terminal, or suspended without running sync children (§9.2). */
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

  /**
   * Graceful shutdown: stops timers, then waits (up to `graceMs`) for the drives in progress to reach
   * their next write, so no execution is left half-persisted by this replica; whatever is still
   * running after that is recovered by another replica once its lease expires.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    await Promise.race([this.lock.idle(), new Promise<void>((resolve) => this.deps.timers.setTimeout(resolve, graceMs))]);
  }

  /** Schedules the wake-up of an execution at `at` (replacing any earlier one). */
  scheduleWake(id: string, at: number): void {
    this.timers.get(id)?.cancel();
    if (this.stopped) return;
    const delay = Math.max(0, at - this.deps.clock.now());
    if (delay > IN_PROCESS_TIMER_HORIZON_MS) return;
    const timer = this.deps.timers.setTimeout(() => {
      this.timers.delete(id);
      this.wake(id).catch((error: unknown) => this.deps.onError(error, `wake ${id}`));
    }, delay);
    this.timers.set(id, timer);
  }

  /**
   * The execution to drive: the live one, or the stored one after taking its lease (which fences
   * off a previous owner: its next write fails). Another replica's live lease is a conflict.
   */
  private async session(id: string): Promise<Session> {
    const live = this.live.get(id);
    if (live !== undefined) return live;
    const now = this.deps.clock.now();
    const record = await this.deps.executions.claim(id, this.deps.owner, now + this.deps.leaseMs, now);
    if (record === null) {
      const stored = await this.deps.executions.get(id);
      if (stored === null) throw notFound('prana.v1.Execution', id);
      throw new AppError('aborted', 'conflict', `execution ${id} is being run by another replica; retry`, { owner: stored.lease?.owner ?? '' });
    }
    const graph = await this.deps.graphs.load(record.execution.graphId);
    if (graph === null) throw new AppError('internal', 'internal', `graph ${record.execution.graphId} of execution ${id} is missing`);
    const session: Session = { execution: record.execution, graph, revision: record.revision, lease: record.lease, unsaved: [] };
    this.live.set(id, session);
    return session;
  }

  private async driveSession(session: Session, input: EngineInput): Promise<DriveOutcome> {
    let result;
    try {
      result = await drive(session.execution, session.graph, input, this.deps.engine, {
        now: () => this.deps.clock.now(),
        emit: (event) => {
          session.unsaved.push(event);
          this.deps.hub.publish(event);
        },
        persist: (execution, reason) => this.persist(session, execution, reason),
        cancelChildren: (ids, reason) => {
          for (const child of ids) this.background(() => this.cancel(child, reason).then(() => undefined), `cancel child ${child}`);
        },
        cancelTask: async (taskId) => {
          await this.deps.tasks.finish(taskId, 'cancelled', null);
        },
      });
    } catch (error) {
      if (error instanceof DocumentTooLarge) return this.recordTooLarge(session, error);
      if (error instanceof StoreConflict) {
        this.live.delete(session.execution.id);
        throw new AppError('aborted', 'conflict', `execution ${session.execution.id} was changed concurrently; retry`);
      }
      throw error;
    }
    session.execution = result.execution;
    return { execution: result.execution, refusal: result.refusal };
  }

  /** The execution outgrew the document limit: record it as failed with execution_too_large. */
  private async recordTooLarge(session: Session, error: DocumentTooLarge): Promise<DriveOutcome> {
    const failure: EngineError = { type: 'execution_too_large', message: error.message, bytes: error.bytes, limit: error.limit };
    session.unsaved.length = 0;
    const result = await drive(session.execution, session.graph, { kind: 'abort', now: this.deps.clock.now(), error: failure }, this.deps.engine, {
      now: () => this.deps.clock.now(),
      emit: (event) => {
        session.unsaved.push(event);
        this.deps.hub.publish(event);
      },
      persist: async (execution) => {
        await this.deps.events.append(session.unsaved.splice(0));
        const record = await this.deps.executions.update({ execution, nextWakeAt: null, lease: null, updatedAt: this.deps.clock.now() }, session.revision, { minimal: true });
        session.revision = record.revision;
        this.deps.hub.persisted(execution.id, execution.seq);
        this.waiters.notify(execution);
      },
      cancelChildren: () => undefined,
      cancelTask: () => undefined,
    });
    return { execution: result.execution, refusal: null };
  }

  private async persist(session: Session, execution: Execution, reason: PersistReason): Promise<void> {
    const now = this.deps.clock.now();
    const suspension = reason === 'suspended' ? currentSuspension(execution) : undefined;
    if (suspension !== undefined) await this.beforeSuspension(execution, suspension);
    if (session.unsaved.length > 0) await this.deps.events.append(session.unsaved.splice(0));
    const running = execution.status === 'running';
    const record: Omit<ExecutionRecord, 'revision'> = {
      execution,
      nextWakeAt: nextWakeOf(execution, null),
      lease: running ? this.lease(now, session.lease?.epoch ?? 0) : null,
      updatedAt: now,
    };
    let stored: ExecutionRecord;
    try {
      stored = await this.deps.executions.update(record, session.revision);
    } catch (error) {
      if (!(error instanceof StoreConflict && error.kind === 'revision' && (await this.takeOverCancelRequest(session, execution)))) throw error;
      stored = await this.deps.executions.update(record, session.revision);
    }
    session.revision = stored.revision;
    session.lease = stored.lease;
    this.deps.hub.persisted(execution.id, execution.seq);
    if (record.nextWakeAt !== null) this.scheduleWake(execution.id, record.nextWakeAt);
    else this.timers.get(execution.id)?.cancel();
    if (suspension !== undefined) this.afterSuspension(execution, suspension);
    if (isTerminal(execution.status) && execution.parent !== null) {
      const parentId = execution.parent.parentExecutionId;
      this.background(() => this.childEnded(parentId), `resume parent ${parentId}`);
    }
    this.waiters.notify(execution);
  }

  /**
   * A write of ours met a newer revision. When that revision is only another replica's cancel request
   * on the execution we still lease, take the request over into the live execution and write again;
   * anything else is a lost race.
   */
  private async takeOverCancelRequest(session: Session, execution: Execution): Promise<boolean> {
    const current = await this.deps.executions.get(execution.id);
    const lease = current?.lease;
    if (current === null || current === undefined || lease == null || session.lease === null) return false;
    if (lease.owner !== this.deps.owner || lease.epoch !== session.lease.epoch) return false;
    const request = current.execution.cancel;
    if (request === null || execution.cancel !== null || execution.status !== 'running') return false;
    transition(execution, session.graph, { kind: 'cancel', now: request.requestedAt, reason: request.reason }, this.deps.engine);
    session.revision = current.revision;
    return true;
  }

  /** Creates what a suspension waits on before the suspension itself is written (§9.1 step 5). */
  private async beforeSuspension(execution: Execution, suspension: Suspension): Promise<void> {
    if (suspension.kind === 'sub_workflow') {
      const childGraph = await this.deps.graphs.load(suspension.workflowId);
      if (childGraph === null) throw new AppError('internal', 'internal', `sub-workflow graph ${suspension.workflowId} vanished`);
      for (const child of suspension.children ?? []) await this.createChild(execution, suspension, childGraph, child);
    } else if (suspension.kind === 'task') {
      await this.deps.tasks.create(taskRecordOf(execution, suspension));
    }
  }

  private async createChild(parent: Execution, suspension: SubWorkflowSuspension, graph: ExecutionGraph, child: ChildSpec): Promise<void> {
    try {
      await this.create(graph, childSpecOf(parent, suspension, child, this.deps.clock.now()), suspension.mode === 'sync' ? null : child.dueAt);
    } catch (error) {
      if (!(error instanceof StoreConflict && error.kind === 'exists')) throw error;
    }
  }

  /** Starts sync children and resumes a fire-and-forget parent at once (§9.2). */
  private afterSuspension(execution: Execution, suspension: Suspension): void {
    if (suspension.kind !== 'sub_workflow') return;
    if (suspension.mode === 'sync') {
      for (const child of suspension.childExecutionIds) this.background(() => this.start(child).then(() => undefined), `start child ${child}`);
    } else {
      for (const child of suspension.children ?? []) this.scheduleWake(child.executionId, child.dueAt);
    }
    if (suspension.mode === 'fire_and_forget') {
      this.background(() => this.resume(execution.id, { reason: 'sub_workflow', children: [] }).then(() => undefined), `resume ${execution.id}`);
    }
  }

  /** A child ended: resume its parent when §9.3 says so. */
  private async childEnded(parentId: string): Promise<void> {
    const parent = await this.read(parentId).catch(() => null);
    if (parent === null) return;
    this.waiters.notify(parent);
    const suspension = currentSuspension(parent);
    if (suspension === undefined || suspension.kind !== 'sub_workflow' || suspension.mode === 'fire_and_forget') return;
    const children = await Promise.all(suspension.childExecutionIds.map((id) => this.read(id).catch(() => null)));
    const statuses = new Map(children.filter((c): c is Execution => c !== null).map((c) => [c.id, c.status]));
    if (subWorkflowDecision(suspension, statuses) !== 'resume') return;
    const results: ChildResult[] = [];
    children.forEach((child, itemIndex) => {
      if (child === null) return;
      const result = childResult(child, itemIndex);
      if (result !== null) results.push(result);
    });
    const outcome = await this.resume(parentId, { reason: 'sub_workflow', children: results });
    if (outcome.refusal !== null && outcome.refusal.reason !== 'not_suspended' && outcome.refusal.reason !== 'not_resumable') {
      this.deps.onError(new Error(`parent ${parentId} refused its children: ${outcome.refusal.reason}`), 'child ended');
    }
  }

  private lease(now: number, epoch: number): { owner: string; epoch: number; until: number } {
    return { owner: this.deps.owner, epoch, until: now + this.deps.leaseMs };
  }

  private background(work: () => Promise<void>, what: string): void {
    queueMicrotask(() => {
      work().catch((error: unknown) => this.deps.onError(error, what));
    });
  }
}
