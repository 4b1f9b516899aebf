import type { ScheduleRecord } from '../../domain/schedule.js';
import type { Clock, Timers } from '../ports/clock.js';
import type { ScheduleStore } from '../ports/schedule-store.js';
import { takeTicks, type TickIo, type TickSettings } from './schedule-ticks.js';
import { WakeScheduler } from './wake-scheduler.js';

/** What the worker needs. */
export interface ScheduleWorkerDeps {
  readonly store: ScheduleStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly owner: string;
  /** How long a claim holds a schedule (a crashed replica's work is taken over after it). */
  readonly leaseMs: number;
  readonly settings: TickSettings;
  /** The TickIo of a namespace. */
  readonly io: (namespace: string) => TickIo;
  readonly onError: (error: unknown, context: string) => void;
}

/** A failed pass is tried again after this long (the store was unreachable). */
const RETRY_MS = 1000;
/** Schedules one poll takes on. */
const DUE_BATCH = 200;
/** Conditional writes lost to a concurrent change (an update, a pause) before the pass gives up. */
const WRITE_ATTEMPTS = 5;

/**
 * Fires schedules: an in-process timer per schedule whose wake-up comes within the horizon, armed by
 * this replica's writes and by the poll's look-ahead. At the wake-up the worker claims the schedule
 * (one replica at a time; a crashed one's lease expires), takes its due ticks, and writes the new
 * state conditionally on the revision it claimed. The execution a tick starts has an id derived from
 * the tick, so a replica that takes a tick another started before crashing finds that execution
 * instead of starting a second one.
 */
export class ScheduleWorker {
  private readonly wakes: WakeScheduler;
  /** Schedules being worked on in this process, and whether another look was asked for meanwhile. */
  private readonly busy = new Map<string, boolean>();
  private readonly passes = new Set<Promise<void>>();
  /** Executions a buffered tick waits for, by id, with their schedule (from this replica's passes). */
  private readonly awaited = new Map<string, { readonly namespace: string; readonly scheduleId: string }>();

  constructor(private readonly deps: ScheduleWorkerDeps) {
    this.wakes = new WakeScheduler(deps.clock, deps.timers, (key) => {
      const [namespace, scheduleId] = splitKey(key);
      this.look(namespace, scheduleId);
    });
  }

  /** How often a tick buffered behind a running execution looks again whether it ended. */
  get recheckMs(): number {
    return this.deps.settings.recheckMs;
  }

  /** Arms (or clears, with null) this process's timer for the schedule. */
  arm(namespace: string, scheduleId: string, at: number | null): void {
    const key = keyOf(namespace, scheduleId);
    if (at === null) this.wakes.cancel(key);
    else if (this.wakes.armedAt(key) !== at) this.wakes.schedule(key, at);
  }

  /** One poll: looks at schedules due now, arms timers for those due before `until`. */
  async poll(now: number, until: number): Promise<void> {
    for (const due of await this.deps.store.due(until, DUE_BATCH)) {
      if (due.wakeAt <= now) this.look(due.namespace, due.scheduleId);
      else this.arm(due.namespace, due.scheduleId, due.wakeAt);
    }
  }

  /**
   * Takes the schedule's due ticks now (in the background; at most one pass per schedule at a time
   * here). `early`: before its wake-up too (an execution its buffered tick waits for has ended).
   */
  look(namespace: string, scheduleId: string, early = false): void {
    const key = keyOf(namespace, scheduleId);
    if (this.busy.has(key)) {
      this.busy.set(key, true);
      return;
    }
    this.busy.set(key, false);
    const pass = this.pass(namespace, scheduleId, early)
      .catch((error: unknown) => {
        this.deps.onError(error, `schedule ${key}`);
        this.arm(namespace, scheduleId, this.deps.clock.now() + RETRY_MS);
      })
      .finally(() => {
        this.passes.delete(pass);
        const again = this.busy.get(key) === true;
        this.busy.delete(key);
        if (again) this.look(namespace, scheduleId);
      });
    this.passes.add(pass);
  }

  /** True when a buffered tick this replica knows of waits for the execution. */
  awaits(executionId: string): boolean {
    return this.awaited.has(executionId);
  }

  /**
   * An execution's end was stored on this replica: a schedule whose buffered tick waits for it takes
   * the tick now (other replicas' schedules find out at their next re-check).
   */
  executionEnded(executionId: string): void {
    const waiting = this.awaited.get(executionId);
    if (waiting === undefined) return;
    this.awaited.delete(executionId);
    this.look(waiting.namespace, waiting.scheduleId, true);
  }

  /** Stops the timers; resolves once the passes in progress have finished. */
  async stop(): Promise<void> {
    this.wakes.stop();
    await Promise.all([...this.passes]);
  }

  /** Passes in progress (tests wait for them). */
  async idle(): Promise<void> {
    while (this.passes.size > 0) await Promise.all([...this.passes]);
  }

  /** Remembers the executions the schedule's buffered tick waits for (and forgets those it no longer does). */
  private await(record: ScheduleRecord): void {
    for (const [id, waiting] of this.awaited) {
      if (waiting.namespace === record.namespace && waiting.scheduleId === record.scheduleId) this.awaited.delete(id);
    }
    if (record.state.pending[0]?.buffered !== true) return;
    for (const id of record.state.running) this.awaited.set(id, { namespace: record.namespace, scheduleId: record.scheduleId });
  }

  private async pass(namespace: string, scheduleId: string, early: boolean): Promise<void> {
    const { store, clock, owner } = this.deps;
    let now = clock.now();
    // A failed pass keeps its lease; this replica's next pass claims it again at once.
    let record: ScheduleRecord | null = await store.claim(namespace, scheduleId, owner, now + this.deps.leaseMs, now, early ? Number.MAX_SAFE_INTEGER : now);
    if (record === null) {
      // Not due (a caller moved its wake-up), or another replica works on it: look again when it is
      // due, or when that replica's lease runs out.
      const current = await store.get(namespace, scheduleId);
      if (current === null || current.wakeAt === null) return;
      const held = current.leaseOwner !== null && current.leaseOwner !== owner && current.leaseUntil !== null && current.leaseUntil > now;
      this.arm(namespace, scheduleId, held ? Math.max(current.wakeAt, current.leaseUntil as number) : Math.max(current.wakeAt, now + 1));
      return;
    }
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
      const taken = await takeTicks(record, now, this.deps.io(namespace), this.deps.settings);
      const next: ScheduleRecord = { ...taken, revision: record.revision + 1, leaseOwner: null, leaseUntil: null };
      if (await store.replace(next, record.revision)) {
        this.arm(namespace, scheduleId, next.wakeAt);
        this.await(next);
        return;
      }
      // A caller changed the schedule meanwhile (the lease is still ours): take the ticks again on it.
      record = await store.get(namespace, scheduleId);
      if (record === null || record.leaseOwner !== owner) return;
      now = clock.now();
    }
  }
}

function keyOf(namespace: string, scheduleId: string): string {
  return `${namespace}/${scheduleId}`;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
