import type { Execution } from '../../domain/execution.js';
import type { SubWorkflowSuspension } from '../../domain/suspension.js';
import { isTerminal } from '../../domain/execution.js';
import type { Json, JsonObject } from '../../domain/json.js';
import type { EngineError } from '../../domain/node-error.js';
import type { TaskResult } from '../../domain/resumption.js';
import {
  currentSuspension,
  resumeRefusal,
  transition,
  type EngineInput,
  type PersistReason,
  type Refusal,
  type ResumeRefusal,
  type ResumeTarget,
} from '../../engine/index.js';
import { AppError, notFound, bug, conflict, refused } from '../app-error.js';
import type { Clock, Timers } from '../ports/clock.js';
import { DocumentTooLarge, StoreConflict, StoreUnavailable, type PendingEffect } from '../ports/execution-store.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { EventHub } from '../event-hub.js';
import type { Telemetry } from '../ports/telemetry.js';
import type { Tracer } from '../ports/tracer.js';
import { parentStance } from './children.js';
import { driveStep, type DriveEffects, type PendingNode, type StepResult } from './drive.js';
import { carryOut, type ChildNotice } from './effects.js';
import { Mailbox } from './mailbox.js';
import { nextWakeOf } from './next-wake.js';
import { owedBy, UNSTORED, writeSession, type PersistenceDeps } from './persistence.js';
import { recoveryOf } from './recovery.js';
import type { Session } from './session.js';
import {
  childrenResult,
  outsideResult,
  recordedResumeOf,
  recordedResumeResult,
  RESUME_TOKEN_SCOPE,
  taskResultOf,
  type SuspensionSources,
} from './suspension-sources.js';
import type { Waiters } from './waiters.js';
import type { WakeScheduler } from './wake-scheduler.js';

/** What an actor needs from the runtime around it. */
export interface ActorDeps extends PersistenceDeps, SuspensionSources {
  readonly idempotency: IdempotencyStore;
  readonly hub: EventHub;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly waiters: Waiters;
  readonly wakes: WakeScheduler;
  /** The actor of another execution (children, parents), in this process. */
  readonly actorOf: (id: string) => ExecutionActor;
  readonly onError: (error: unknown, context: string) => void;
  readonly telemetry: Telemetry;
  readonly tracer: Tracer;
  /** Called after each message, so the runtime can forget an actor that holds nothing. */
  readonly idle: (actor: ExecutionActor) => void;
}

/** How an input ended for its caller: the execution once it waits again, or the refusal of the input. */
export interface DriveOutcome {
  readonly execution: Execution;
  readonly refusal: Refusal | null;
}

/** A caller's Resume, after the checks that need no state (token signature, sizes). */
export interface ResumeCall {
  readonly target: ResumeTarget;
  readonly data: Json;
  readonly requestId?: string | undefined;
}

/** How a Resume ended: `alreadyResumed` when an earlier Resume of the same suspension was applied instead. */
export interface ResumeOutcome {
  readonly execution: Execution;
  readonly refusal: ResumeRefusal | null;
  readonly alreadyResumed: boolean;
}

/** A worker's CompleteTask or FailTask for a task of this execution. */
export interface TaskCall {
  readonly taskId: string;
  readonly status: 'completed' | 'failed';
  /** The result as the task record keeps it. */
  readonly stored: JsonObject;
  /** The result as the node's resume handler gets it. */
  readonly result: TaskResult;
}

/** How to look at an execution. */
export interface LookOptions {
  /**
   * Also look for a result from outside that may wait unapplied (a task result, a recorded resume,
   * ended children) even when nothing else calls for taking the execution over.
   */
  readonly checkOutside?: boolean;
}

/** An answer now, or one that comes once the drive the message started waits again. */
type Reply<T> = { readonly now: T } | { readonly later: Promise<T> };

const now = <T>(value: T): Reply<T> => ({ now: value });

/**
 * One execution's actor: every change to the execution is a message to it,
 * handled one at a time — start, look (a timer or the poller), resume, cancel, a child's end, a task's
 * result, a node's outcome, a lease renewal, an effect carried out. While this replica holds the
 * execution's lease the actor keeps the live execution (its session); a node that runs asynchronously
 * does not hold the mailbox, so a cancel is taken while it runs and its outcome arrives as a message.
 * When a write fails, the session is dropped (the store, not this copy, is the truth) and the actor
 * looks again later; a session the engine refuses never stays.
 */
export class ExecutionActor {
  private session: Session | null = null;
  private inflight: { readonly token: number; readonly settled: Promise<void> } | null = null;
  private tokens = 0;
  private readonly mailbox = new Mailbox();
  private replies: { resolve(outcome: DriveOutcome): void; reject(error: unknown): void }[] = [];
  private renewal: { cancel(): void } | null = null;
  private retry: { cancel(): void } | null = null;
  /** Effects being carried out now, and effects that failed and wait for a retry. */
  private readonly carrying = new Set<PendingEffect>();
  private readonly failed = new Set<PendingEffect>();
  private retryDelayMs = 0;

  constructor(
    readonly id: string,
    private readonly deps: ActorDeps,
  ) {}

  /**
   * The live execution while it runs here, under a lease that has not expired at `now`: its progress
   * since the last write shows. A waiting (suspended or ended) execution is read from the store instead:
   * until its write has landed, the wait is not certain, and callers act on waits (a Resume, a reply).
   */
  liveAt(now: number): Execution | null {
    const session = this.session;
    return session === null || session.lease.until <= now || session.execution.status !== 'running' ? null : session.execution;
  }

  /** True when the actor holds nothing (no lease, message, node or effect): the runtime may forget it. */
  get removable(): boolean {
    return this.session === null && this.inflight === null && !this.mailbox.busy && this.carrying.size === 0 && this.retry === null;
  }

  /** Resolves once no message is handled and no node runs (graceful stop). */
  async quiet(): Promise<void> {
    for (;;) {
      await this.mailbox.idle();
      const inflight = this.inflight;
      if (inflight === null) return;
      await inflight.settled;
      await this.mailbox.idle();
      if (this.inflight === inflight) return;
    }
  }

  /**
   * Takes over an execution this replica just created with its lease, ready to be started; at
   * revision UNSTORED it is not stored yet (its first write inserts it).
   */
  adopt(execution: Execution, graph: Session['graph'], revision: number, lease: Session['lease']): void {
    if (this.session !== null) return;
    this.session = { execution, graph, revision, lease, leaseStored: revision !== UNSTORED, unsaved: [], effects: [], newEffects: [] };
    this.keepLease();
  }

  /** Starts a created execution. */
  start(): Promise<DriveOutcome> {
    return this.post(async () => {
      const session = await this.session_();
      const refusal = await this.step(session, { kind: 'start', now: this.deps.clock.now() });
      return refusal === null ? this.untilWaiting(session) : this.answerRefused(session, refusal);
    });
  }

  /**
   * Looks at the stored execution and does what it calls for (recovery.ts): start a due child, fire a
   * due wake-up, or take over what a replica that stopped left. Null when there was nothing to do.
   */
  look(options: LookOptions = {}): Promise<DriveOutcome | null> {
    return this.post(() => this.onLook(options));
  }

  /** A caller's Resume: checked on the state this replica holds, recorded, then applied. */
  resume(call: ResumeCall): Promise<ResumeOutcome> {
    return this.post(() => this.onResume(call));
  }

  /** CancelExecution. */
  cancel(reason: string): Promise<DriveOutcome> {
    return this.post(() => this.onCancel(reason));
  }

  /** A child ended: resumes this execution when it waits on it and the sub-workflow rules say so. */
  childEnded(notice: ChildNotice): Promise<'done' | 'retry'> {
    return this.post(() => this.onChildEnded(notice));
  }

  /** A worker finished one of this execution's tasks. */
  taskFinished(call: TaskCall): Promise<{ readonly already: boolean }> {
    return this.post(() => this.onTaskFinished(call));
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  private post<T>(work: () => Promise<Reply<T>>): Promise<T> {
    const done = this.mailbox.post(async () => {
      try {
        return await work();
      } catch (error) {
        throw this.failure(error);
      }
    });
    const settled = done.then((reply) => ('now' in reply ? reply.now : reply.later));
    void done.finally(() => this.deps.idle(this)).catch(() => undefined);
    return settled;
  }

  private async onLook(options: LookOptions): Promise<Reply<DriveOutcome | null>> {
    await this.validate();
    if (this.session !== null) return this.lookLive(this.session);
    const at = this.deps.clock.now();
    const record = await this.deps.executions.get(this.id);
    if (record === null) return now(null);
    let recovery = recoveryOf(record, at, this.deps.owner);
    let leftBehind = record.lease !== null && record.lease.until > 0;
    // After this replica lost an execution while it was applying a result from outside (a write of a
    // task's result that landed after another replica had looked), that result may wait unapplied.
    if (
      options.checkOutside === true &&
      (recovery.kind === 'nothing' || recovery.kind === 'later') &&
      (await outsideResult(this.deps, record.execution)) !== null
    ) {
      recovery = { kind: 'take_over' };
      leftBehind = true;
    }
    switch (recovery.kind) {
      case 'nothing':
        return now(null);
      case 'later':
        this.deps.wakes.schedule(this.id, recovery.at);
        return now(null);
      case 'start':
      case 'wake':
      case 'take_over':
        break;
    }
    this.deps.telemetry.recovery(recovery.kind);
    let session: Session;
    try {
      session = await this.session_();
    } catch (error) {
      if (error instanceof AppError && (error.code === 'aborted' || error.code === 'not_found')) return now(null);
      throw error;
    }
    this.retryDelayMs = 0;
    const execution = session.execution;
    const time = this.deps.clock.now();
    if (execution.status === 'pending' && (record.nextWakeAt ?? execution.createdAt) <= time) {
      await this.step(session, { kind: 'start', now: time });
    } else if (execution.status === 'suspended') {
      // A result that arrived while a lease holder was handling it (a recorded resume, a finished task,
      // ended children) comes before the wake-up: it happened first.
      const resumption = leftBehind || recovery.kind === 'wake' ? await outsideResult(this.deps, execution) : null;
      if (resumption !== null) await this.step(session, { kind: 'resume', now: time, resumption });
      else if (recovery.kind === 'wake') {
        this.deps.telemetry.wakeFired(time - (record.nextWakeAt ?? time));
        await this.step(session, { kind: 'wake', now: time });
      }
    }
    return this.untilWaiting(session);
  }

  /** A look at an execution this replica holds (it still owes effects): fire its wake-up if due. */
  private async lookLive(session: Session): Promise<Reply<DriveOutcome | null>> {
    const execution = session.execution;
    const at = nextWakeOf(execution, null);
    const time = this.deps.clock.now();
    if (this.inflight !== null || at === null || at > time) return now(null);
    if (execution.status === 'suspended') {
      this.deps.telemetry.wakeFired(time - at);
      await this.step(session, { kind: 'wake', now: time });
    } else if (execution.status === 'pending') await this.step(session, { kind: 'start', now: time });
    else return now(null);
    return this.untilWaiting(session);
  }

  private async onResume(call: ResumeCall): Promise<Reply<ResumeOutcome>> {
    const session = await this.session_();
    const time = this.deps.clock.now();
    const refusal = resumeRefusal(session.execution, call.target, time);
    if (refusal !== null) {
      await this.finish(session);
      return now({ execution: session.execution, refusal, alreadyResumed: false });
    }
    // Recorded before it is applied, under the lease: whoever takes the lease over after a crash
    // finds the record and applies it (recovery.ts). The first Resume recorded wins.
    const token = currentSuspension(session.execution)?.resumeToken as string;
    const requestId = call.requestId ?? null;
    const record = await this.deps.idempotency.putIfAbsent({
      scope: RESUME_TOKEN_SCOPE,
      key: token,
      fingerprint: requestId ?? '',
      result: recordedResumeResult(this.id, { data: call.data, requestId }),
      createdAt: time,
    });
    if (requestId !== null) {
      await this.deps.idempotency.putIfAbsent({
        scope: 'resume',
        key: `${this.id}:${requestId}`,
        fingerprint: '',
        result: { execution_id: this.id, token },
        createdAt: time,
      });
    }
    const applied = recordedResumeOf(record.record.result) ?? { data: call.data, requestId };
    const alreadyResumed = !record.created && applied.requestId !== requestId;
    await this.step(session, { kind: 'resume', now: time, resumption: { reason: 'resume', data: applied.data, requestId: applied.requestId ?? undefined } });
    const reply = await this.untilWaiting(session);
    const outcome = (o: DriveOutcome): ResumeOutcome => ({ execution: o.execution, refusal: null, alreadyResumed });
    return 'now' in reply ? now(outcome(reply.now)) : { later: reply.later.then(outcome) };
  }

  private async onCancel(reason: string): Promise<Reply<DriveOutcome>> {
    await this.validate();
    if (this.session === null) {
      const record = await this.deps.executions.get(this.id);
      if (record === null) throw notFound('prana.v1.Execution', this.id);
      if (isTerminal(record.execution.status)) {
        // Nothing changes: answer from the stored execution without taking its lease.
        const graph = await this.deps.graphs.load(record.execution.graphId);
        if (graph === null) throw bug(`graph ${record.execution.graphId} of execution ${this.id} is missing`);
        const result = transition(record.execution, graph, { kind: 'cancel', now: this.deps.clock.now(), reason }, this.deps.engine);
        return now({ execution: result.execution, refusal: result.refusal });
      }
      try {
        await this.session_();
      } catch (error) {
        if (error instanceof AppError && error.code === 'aborted') return now(await this.requestCancelOfForeignRun(reason));
        throw error;
      }
    }
    const session = this.session as Session;
    const refusal = await this.step(session, { kind: 'cancel', now: this.deps.clock.now(), reason });
    if (refusal !== null) return this.answerRefused(session, refusal);
    if (session.execution.status === 'running') {
      // Recorded on the running execution: written at once so it survives a crash; the drive stops
      // before its next node.
      await this.persist(session, 'checkpoint');
      return now({ execution: session.execution, refusal: null });
    }
    return this.untilWaiting(session);
  }

  private async onChildEnded(notice: ChildNotice): Promise<Reply<'done' | 'retry'>> {
    await this.validate();
    if (this.session === null) {
      const record = await this.deps.executions.get(this.id);
      if (record === null) return now('done');
      const stance = parentStance(record.execution, notice.childId, notice.parentNodeKey, notice.parentRunIndex);
      if (stance !== 'waiting') return now(stance === 'never' ? 'done' : 'retry');
      try {
        await this.session_();
      } catch (error) {
        if (error instanceof AppError && error.code === 'aborted') return now('retry');
        if (error instanceof AppError && error.code === 'not_found') return now('done');
        throw error;
      }
    }
    const session = this.session as Session;
    const stance = parentStance(session.execution, notice.childId, notice.parentNodeKey, notice.parentRunIndex);
    if (stance === 'waiting') {
      const resumption = await childrenResult(this.deps, currentSuspension(session.execution) as SubWorkflowSuspension);
      if (resumption !== null) await this.step(session, { kind: 'resume', now: this.deps.clock.now(), resumption });
    }
    await this.finish(session);
    return now(stance === 'not_yet' ? 'retry' : 'done');
  }

  private async onTaskFinished(call: TaskCall): Promise<Reply<{ readonly already: boolean }>> {
    const session = await this.session_();
    const execution = session.execution;
    if (isTerminal(execution.status)) {
      await this.deps.tasks.finish(call.taskId, 'cancelled', null);
      await this.finish(session);
      throw refused('task_closed', `task ${call.taskId} is cancelled: its execution ended ${execution.status}`, {
        status: 'cancelled',
      });
    }
    let result = call.result;
    let already = false;
    if (!(await this.deps.tasks.finish(call.taskId, call.status, call.stored))) {
      // Finished before: by this worker's earlier call (which may have stopped before the execution
      // took it), or by another. The first result stands; it is applied if the execution still waits.
      const task = await this.deps.tasks.get(call.taskId);
      const first = task === null || task.status !== call.status ? null : taskResultOf(task);
      if (first === null) {
        await this.finish(session);
        if (task === null) throw conflict(`task ${call.taskId} changed concurrently; retry`);
        throw refused('task_closed', `task ${call.taskId} is ${task.status}`, { status: task.status });
      }
      result = first;
      already = true;
    }
    const suspension = currentSuspension(execution);
    if (execution.status === 'suspended' && suspension?.kind === 'task' && suspension.taskId === call.taskId) {
      await this.step(session, { kind: 'resume', now: this.deps.clock.now(), resumption: { reason: 'task', result } });
    }
    await this.finish(session);
    return now({ already });
  }

  private async onOutcome(token: number, input: EngineInput): Promise<Reply<void>> {
    const session = this.session;
    if (session === null || this.inflight?.token !== token) return now(undefined);
    this.inflight = null;
    await this.step(session, input);
    await this.finish(session);
    return now(undefined);
  }

  private async onLostOutcome(token: number, error: unknown): Promise<Reply<void>> {
    if (this.session === null || this.inflight?.token !== token) return now(undefined);
    throw error;
  }

  private async onCheckSuspension(): Promise<Reply<void>> {
    const session = this.session;
    if (session === null) return now(undefined);
    const resumption = await outsideResult(this.deps, session.execution);
    if (resumption !== null) await this.step(session, { kind: 'resume', now: this.deps.clock.now(), resumption });
    await this.finish(session);
    return now(undefined);
  }

  private async onRenew(): Promise<Reply<void>> {
    const session = this.session;
    this.renewal = null;
    if (session === null) return now(undefined);
    if (session.leaseStored) {
      const until = this.deps.clock.now() + this.deps.leaseMs;
      let held = true;
      try {
        held = await this.deps.executions.renew(this.id, session.lease.owner, session.lease.epoch, until);
      } catch (error) {
        if (!(error instanceof StoreUnavailable)) throw error;
      }
      if (!held) {
        this.abandon(conflict(`execution ${this.id} was taken over by another replica`), false);
        return now(undefined);
      }
      session.lease = { ...session.lease, until };
    }
    this.keepLease();
    return now(undefined);
  }

  private async onEffectDone(effect: PendingEffect, done: boolean): Promise<Reply<void>> {
    this.carrying.delete(effect);
    const session = this.session;
    if (session === null || !session.effects.includes(effect)) return now(undefined);
    if (!done) {
      this.failed.add(effect);
      this.retryLater();
      return now(undefined);
    }
    session.effects = session.effects.filter((e) => e !== effect);
    await this.flushEffects(session);
    await this.finish(session);
    return now(undefined);
  }

  private async onRetry(): Promise<Reply<void>> {
    this.retry = null;
    const session = this.session;
    if (session === null) return now(undefined);
    const again = [...this.failed];
    this.failed.clear();
    this.launch(again);
    await this.flushEffects(session);
    await this.finish(session);
    return now(undefined);
  }

  // ---------------------------------------------------------------------------------------------
  // The session

  /**
   * The live session, or a new one after taking the lease; a running execution taken over continues at
   * once. A live session whose lease could not be renewed for a while (a store outage) is checked
   * first: when another replica took the execution over meanwhile, it is dropped and the stored
   * execution claimed instead, so no decision is taken on a stale copy.
   */
  private async session_(): Promise<Session> {
    await this.validate();
    if (this.session !== null) return this.session;
    const time = this.deps.clock.now();
    const record = await this.deps.executions.claim(this.id, this.deps.owner, time + this.deps.leaseMs, time);
    if (record === null) {
      const stored = await this.deps.executions.get(this.id);
      if (stored === null) throw notFound('prana.v1.Execution', this.id);
      throw conflict(`execution ${this.id} is being run by another replica; retry`, { owner: stored.lease?.owner ?? '' });
    }
    const graph = await this.deps.graphs.load(record.execution.graphId);
    if (graph === null) throw bug(`graph ${record.execution.graphId} of execution ${this.id} is missing`);
    const session: Session = {
      execution: record.execution,
      graph,
      revision: record.revision,
      lease: record.lease ?? { owner: this.deps.owner, epoch: 0, until: time + this.deps.leaseMs },
      leaseStored: true,
      unsaved: [],
      effects: record.effects,
      newEffects: [],
    };
    this.session = session;
    this.keepLease();
    this.launch(session.effects);
    // Its previous holder stopped in the middle of a drive: the attempt in flight runs again (or a
    // never started execution starts).
    if (record.execution.status === 'running') await this.step(session, { kind: 'recover', now: time });
    return session;
  }

  /** Drops a live session whose lease another replica took while it could not be renewed. */
  private async validate(): Promise<void> {
    if (this.session === null) return;
    try {
      await this.checkLease(this.session);
    } catch (error) {
      if (!(error instanceof StoreConflict)) throw error;
      this.abandon(conflict(`execution ${this.id} was taken over by another replica`), false);
    }
  }

  /** Applies one input: drives until the execution waits or a node runs asynchronously. */
  private async step(session: Session, input: EngineInput): Promise<Refusal | null> {
    await this.checkLease(session);
    let result: StepResult;
    try {
      const attributes = { 'prana.execution_id': this.id, 'prana.input': input.kind };
      result = await this.deps.tracer.span('execution step', attributes, () =>
        driveStep(session.execution, session.graph, input, this.deps.engine, this.driveEffects(session, false)),
      );
    } catch (error) {
      if (!(error instanceof DocumentTooLarge)) throw error;
      result = await this.recordTooLarge(session, error);
    }
    session.execution = result.execution;
    if (result.pending !== null) this.await(result.pending);
    return result.refusal;
  }

  private driveEffects(session: Session, minimal: boolean): DriveEffects {
    return {
      now: () => this.deps.clock.now(),
      emit: (event) => {
        session.unsaved.push(event);
        this.deps.hub.publish(event);
        this.deps.telemetry.event(event);
      },
      persist: (execution, reason) => {
        session.execution = execution;
        return this.persist(session, reason, minimal);
      },
      cancelChildren: (ids, reason) => {
        session.newEffects.push({ kind: 'cancel_children', executionIds: [...ids], reason });
      },
      cancelTask: (taskId) => {
        session.newEffects.push({ kind: 'cancel_task', taskId });
      },
      nodeType: (name) => this.deps.graphs.nodeTypes.get(name),
      tracer: this.deps.tracer,
    };
  }

  /**
   * Before the engine may start a node, the lease must still be this replica's: when the mailbox was
   * held longer than a renewal period (a slow store), the lease is renewed first, and a lease another
   * replica took meanwhile ends the session instead of running a node twice at once.
   */
  private async checkLease(session: Session): Promise<void> {
    if (!session.leaseStored) return;
    const time = this.deps.clock.now();
    if (session.lease.until - time > (2 * this.deps.leaseMs) / 3) return;
    const until = time + this.deps.leaseMs;
    if (!(await this.deps.executions.renew(this.id, session.lease.owner, session.lease.epoch, until))) {
      throw new StoreConflict('revision', `the lease of execution ${this.id} was taken over`);
    }
    session.lease = { ...session.lease, until };
  }

  /** A node runs outside the mailbox; its outcome comes back as a message. */
  private await(pending: PendingNode): void {
    const token = ++this.tokens;
    this.inflight = {
      token,
      settled: pending.outcome.then(
        () => undefined,
        () => undefined,
      ),
    };
    pending.outcome
      .then(
        (input) => this.post(() => this.onOutcome(token, input)),
        // The node could not run for want of the store: the session goes, the attempt runs again later.
        (error: unknown) => this.post(() => this.onLostOutcome(token, error)),
      )
      .catch((error: unknown) => this.deps.onError(error, `outcome of ${this.id} ${pending.nodeKey}`));
  }

  /** Writes the execution with what it owes, then starts what the write calls for. */
  private async persist(session: Session, reason: PersistReason, minimal = false): Promise<void> {
    const time = this.deps.clock.now();
    const execution = session.execution;
    const owed = [...session.effects, ...session.newEffects, ...(await owedBy(this.deps, execution, reason, time))];
    await writeSession(this.deps, session, owed, time, { minimal, onConflict: () => this.takeOverCancelRequest(session) });
    // A slow write may have landed with a lease that expired meanwhile: renew it before the engine
    // starts the next node.
    await this.checkLease(session);
    this.deps.hub.persisted(this.id, execution.seq);
    const wake = nextWakeOf(execution, null);
    if (wake !== null) this.deps.wakes.schedule(this.id, wake);
    else this.deps.wakes.cancel(this.id);
    const suspension = reason === 'suspended' ? currentSuspension(execution) : undefined;
    if (suspension?.kind === 'sub_workflow') {
      // Sync children start right after the suspension is written; the others when due.
      if (suspension.mode === 'sync') {
        for (const child of suspension.childExecutionIds)
          this.deps
            .actorOf(child)
            .look()
            .catch((error: unknown) => this.deps.onError(error, `start child ${child}`));
      } else {
        for (const child of suspension.children ?? []) this.deps.wakes.schedule(child.executionId, child.dueAt);
      }
    }
    this.deps.waiters.notify(execution);
    this.launch(session.effects);
  }

  /**
   * Our write met a newer revision. When that revision is only another replica's cancel request on the
   * execution we still lease, take the request over into the live execution (unless it is being
   * cancelled here too, or has just ended) and write again; anything else is a lost race.
   */
  private async takeOverCancelRequest(session: Session): Promise<boolean> {
    const current = await this.deps.executions.get(this.id);
    const lease = current?.lease;
    if (current === null || current === undefined || lease == null) return false;
    if (lease.owner !== this.deps.owner || lease.epoch !== session.lease.epoch) return false;
    const request = current.execution.cancel;
    const execution = session.execution;
    if (request === null) return false;
    // The drive ended the execution meanwhile: there is nothing left to cancel, the ending stands.
    if (isTerminal(execution.status)) {
      session.revision = current.revision;
      return true;
    }
    if (execution.status !== 'running') return false;
    // A cancel of our own (this replica was asked too) stands; otherwise the request is taken over.
    if (execution.cancel === null) {
      session.execution = transition(
        execution,
        session.graph,
        { kind: 'cancel', now: request.requestedAt, reason: request.reason },
        this.deps.engine,
      ).execution;
    }
    session.revision = current.revision;
    return true;
  }

  /** The execution outgrew the document limit: record it as failed with execution_too_large. */
  private recordTooLarge(session: Session, error: DocumentTooLarge): Promise<StepResult> {
    const failure: EngineError = { type: 'execution_too_large', message: error.message, bytes: error.bytes, limit: error.limit };
    this.inflight = null;
    return driveStep(
      session.execution,
      session.graph,
      { kind: 'abort', now: this.deps.clock.now(), error: failure },
      this.deps.engine,
      this.driveEffects(session, true),
    );
  }

  /**
   * Another replica drives the execution right now (it holds a live lease): record the cancel request
   * on the stored execution without taking the lease. The owner's next write meets the new revision,
   * takes the request over and stops before its next node.
   */
  private async requestCancelOfForeignRun(reason: string): Promise<DriveOutcome> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const record = await this.deps.executions.get(this.id);
      if (record === null) throw notFound('prana.v1.Execution', this.id);
      if (record.execution.status === 'running' && record.execution.cancel !== null) return { execution: record.execution, refusal: null };
      // Only a running execution takes a request recorded by another replica; anything else is being
      // changed by the lease holder right now: the caller retries.
      if (record.execution.status !== 'running') break;
      const graph = await this.deps.graphs.load(record.execution.graphId);
      if (graph === null) throw bug(`graph ${record.execution.graphId} of execution ${this.id} is missing`);
      const time = this.deps.clock.now();
      const result = transition(record.execution, graph, { kind: 'cancel', now: time, reason }, this.deps.engine);
      try {
        await this.deps.executions.update({ ...record, execution: result.execution, updatedAt: time }, record.revision);
        return { execution: result.execution, refusal: null };
      } catch (failure) {
        if (!(failure instanceof StoreConflict)) throw failure;
      }
    }
    throw conflict(`execution ${this.id} kept changing while recording the cancel request; retry`);
  }

  /** The answer to a message whose drive may still run: now when the execution waits, else once it does. */
  private async untilWaiting(session: Session): Promise<Reply<DriveOutcome>> {
    if (this.inflight === null || this.session !== session) {
      await this.finish(session);
      return now({ execution: session.execution, refusal: null });
    }
    return { later: new Promise<DriveOutcome>((resolve, reject) => this.replies.push({ resolve, reject })) };
  }

  private async answerRefused(session: Session, refusal: Refusal): Promise<Reply<DriveOutcome>> {
    await this.finish(session);
    return now({ execution: session.execution, refusal });
  }

  /** After a message: answers the callers waiting for the drive once it waits, and lets the session go when nothing holds it. */
  private async finish(session: Session): Promise<void> {
    if (this.session !== session || this.inflight !== null) return;
    const outcome = { execution: session.execution, refusal: null };
    for (const reply of this.replies.splice(0)) reply.resolve(outcome);
    if (session.execution.status === 'running' || session.effects.length > 0 || session.newEffects.length > 0 || this.carrying.size > 0) return;
    this.drop();
    if (session.leaseStored) await this.deps.executions.release(this.id, session.lease.owner, session.lease.epoch).catch(() => false);
  }

  /** Records effects carried out: a waiting execution's record keeps the rest, and its lease ends with the last. */
  private async flushEffects(session: Session): Promise<void> {
    if (this.session !== session || session.execution.status === 'running' || this.carrying.size > 0 || !session.leaseStored) return;
    const release = session.effects.length === 0 && session.newEffects.length === 0;
    let held: boolean;
    try {
      held = await this.deps.executions.finishEffects(this.id, session.lease.owner, session.lease.epoch, session.effects, release);
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      this.retryLater();
      return;
    }
    if (!held) {
      this.abandon(conflict(`execution ${this.id} was taken over by another replica`), false);
      return;
    }
    if (release) session.leaseStored = false;
  }

  /** Carries out effects in the background; each comes back as a message once done (or failed). */
  private launch(effects: readonly PendingEffect[]): void {
    for (const effect of effects) {
      if (this.carrying.has(effect)) continue;
      this.carrying.add(effect);
      carryOut(
        effect,
        {
          cancelExecution: async (id, reason) => {
            await this.deps
              .actorOf(id)
              .cancel(reason)
              .catch((error: unknown) => {
                // A child never created (its parent's write was cut short) has nothing to cancel.
                if (!(error instanceof AppError && error.code === 'not_found')) throw error;
              });
          },
          cancelTask: async (taskId) => {
            await this.deps.tasks.finish(taskId, 'cancelled', null);
          },
          notifyParent: (parentId, notice) => this.deps.actorOf(parentId).childEnded(notice),
          checkSuspension: () => this.post(() => this.onCheckSuspension()),
        },
        this.id,
      )
        .then(
          (done) => this.post(() => this.onEffectDone(effect, done)),
          (error: unknown) => {
            if (!(error instanceof StoreUnavailable || error instanceof AppError)) this.deps.onError(error, `effect ${effect.kind} of ${this.id}`);
            return this.post(() => this.onEffectDone(effect, false));
          },
        )
        .catch((error: unknown) => this.deps.onError(error, `effect ${effect.kind} of ${this.id}`));
    }
  }

  /** Renews the lease every third of its length while the session lasts. */
  private keepLease(): void {
    this.renewal?.cancel();
    this.renewal = this.deps.timers.setTimeout(
      () => {
        this.post(() => this.onRenew()).catch((error: unknown) => this.deps.onError(error, `renew lease of ${this.id}`));
      },
      Math.max(1, Math.floor(this.deps.leaseMs / 3)),
    );
  }

  /** Tries failed effects (or a failed write of carried-out ones) again after a growing delay. */
  private retryLater(): void {
    if (this.retry !== null) return;
    this.retryDelayMs = Math.min(this.deps.leaseMs, Math.max(250, this.retryDelayMs * 2));
    this.retry = this.deps.timers.setTimeout(() => {
      this.post(() => this.onRetry()).catch((error: unknown) => this.deps.onError(error, `retry effects of ${this.id}`));
    }, this.retryDelayMs);
  }

  private drop(): void {
    this.session = null;
    this.renewal?.cancel();
    this.renewal = null;
    this.retry?.cancel();
    this.retry = null;
    this.failed.clear();
  }

  /**
   * The session can no longer be trusted (a write failed or the lease was lost): forget it and the
   * node in flight, fail the callers waiting on its drive, and look again soon: when the lease still
   * stands, this replica continues from the stored state; when another replica took it over, a result
   * this one recorded late (after that replica looked) is found and applied.
   */
  private abandon(error: unknown, lookAgain: boolean): void {
    const had = this.session !== null;
    this.drop();
    this.inflight = null;
    for (const reply of this.replies.splice(0)) reply.reject(error);
    if (!lookAgain || !had) return;
    this.retryDelayMs = Math.min(this.deps.leaseMs, Math.max(250, this.retryDelayMs * 2));
    this.deps.timers.setTimeout(() => {
      this.deps
        .actorOf(this.id)
        .look({ checkOutside: true })
        .catch((failure: unknown) => this.deps.onError(failure, `look at ${this.id} again`));
    }, this.retryDelayMs);
  }

  /** The error a failed message answers with; a failure of the store drops the session. */
  private failure(error: unknown): unknown {
    if (error instanceof AppError) return error;
    if (error instanceof StoreConflict) {
      const lost = conflict(`execution ${this.id} was changed concurrently; retry`);
      this.abandon(lost, true);
      return lost;
    }
    this.abandon(error, true);
    if (!(error instanceof StoreUnavailable)) this.deps.onError(error, `execution ${this.id}`);
    return error;
  }
}
