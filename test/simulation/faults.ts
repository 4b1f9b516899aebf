import { StoreUnavailable } from '../../src/app/ports/execution-store.js';
import type { Prng } from './prng.js';
import type { Scheduler } from './scheduler.js';

/** What happens to one store call of a replica. */
export type Fault = 'none' | 'crash_before' | 'crash_after' | 'fail_before' | 'fail_after' | 'stall';

/** How often each fault strikes a store call while faults are on (probabilities per call). */
export interface FaultRates {
  readonly crash: number;
  readonly fail: number;
  readonly stall: number;
  /** Longest stall, ms of simulated time. */
  readonly maxStallMs: number;
}

/** Something that may have cost a replica its lease or its in-memory state (a node run may repeat after it). */
export interface Disruption {
  readonly replica: string | '*';
  readonly at: number;
  readonly kind: 'crash' | 'store_failure' | 'stall' | 'clock_jump' | 'outage';
}

/** Counts of what the fault plan did. */
export interface FaultCounts {
  calls: number;
  crashes: number;
  failures: number;
  stalls: number;
  outages: number;
  clockJumps: number;
}

/**
 * Decides the fault of every store call, from the simulation's one PRNG, and keeps the record of
 * disruptions the invariants consult. Faults strike only while `active`; a store outage fails every
 * call of every replica until it ends.
 */
export class FaultPlan {
  active = false;
  outageUntil = 0;
  readonly disruptions: Disruption[] = [];
  readonly counts: FaultCounts = { calls: 0, crashes: 0, failures: 0, stalls: 0, outages: 0, clockJumps: 0 };

  constructor(
    private readonly prng: Prng,
    private readonly rates: FaultRates,
    private readonly scheduler: Scheduler,
    /** Whether another crash is allowed now (the simulation bounds crashes per seed). */
    private readonly mayCrash: () => boolean,
  ) {}

  /** The fault of the next call. */
  next(): Fault {
    this.counts.calls++;
    if (this.scheduler.now() < this.outageUntil) return 'fail_before';
    if (!this.active) return 'none';
    const roll = this.prng.float();
    const { crash, fail, stall } = this.rates;
    if (roll < crash) return this.mayCrash() ? (this.prng.chance(0.5) ? 'crash_before' : 'crash_after') : 'none';
    if (roll < crash + fail) return this.prng.chance(0.5) ? 'fail_before' : 'fail_after';
    if (roll < crash + fail + stall) return 'stall';
    return 'none';
  }

  /** How long a stall lasts. */
  stallMs(): number {
    return this.prng.int(50, this.rates.maxStallMs);
  }

  record(disruption: Disruption): void {
    this.disruptions.push(disruption);
  }
}

/** A replica incarnation as the store wrapper sees it. */
export interface Incarnation {
  readonly name: string;
  dead: boolean;
  crash(): void;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** `SIM_TRACE=<id prefix>`: print every store call about matching executions (debugging one seed). */
const TRACE = process.env.SIM_TRACE;

function trace(scheduler: Scheduler, incarnation: Incarnation, what: string, fault: Fault, args: unknown[]): void {
  const describe = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `[${value.map((v) => describe(v)).join(',')}]`;
    if (typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      if (v.execution !== undefined) {
        const e = v.execution as { id: string; status: string; seq: number; cancel: unknown };
        return `{${e.id} ${e.status} seq ${e.seq}${e.cancel !== null ? ' cancel' : ''} lease ${JSON.stringify(v.lease)} effects ${JSON.stringify(v.effects)}}`;
      }
      if (typeof v.seq === 'number' && typeof v.type === 'string') return `${v.seq}:${v.type}`;
      if (typeof v.taskId === 'string') return `task ${v.taskId}`;
      return JSON.stringify(value).slice(0, 120);
    }
    return String(value);
  };
  const text = args.map(describe).join(' ');
  if (TRACE !== undefined && text.includes(TRACE))
    process.stdout.write(`${scheduler.now() % 10_000_000} ${incarnation.name} ${what} ${fault === 'none' ? '' : fault + ' '}${text}\n`);
}

/**
 * Wraps every asynchronous method of a store so the fault plan can strike it: crash the replica
 * before or after the call takes effect (a dead replica's calls never return), fail it with
 * StoreUnavailable before or after it takes effect, or stall it on the replica's own timers.
 */
export function faulty<T extends object>(store: T, incarnation: Incarnation, plan: FaultPlan, scheduler: Scheduler): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const call = (): unknown => (value as (...a: unknown[]) => unknown).apply(target, args);
        if (incarnation.dead) return never();
        const fault = plan.next();
        const what = `${String(property)}`;
        if (TRACE !== undefined) trace(scheduler, incarnation, what, fault, args);
        switch (fault) {
          case 'none':
            return guardDead(call(), incarnation);
          case 'crash_before':
            plan.counts.crashes++;
            incarnation.crash();
            return never();
          case 'crash_after':
            plan.counts.crashes++;
            return Promise.resolve(call()).then(() => {
              incarnation.crash();
              return never();
            });
          case 'fail_before':
            plan.counts.failures++;
            plan.record({ replica: incarnation.name, at: scheduler.now(), kind: 'store_failure' });
            return Promise.reject(new StoreUnavailable(`simulated store failure before ${what}`));
          case 'fail_after':
            plan.counts.failures++;
            return Promise.resolve(call()).then(() => {
              plan.record({ replica: incarnation.name, at: scheduler.now(), kind: 'store_failure' });
              throw new StoreUnavailable(`simulated store failure after ${what}`);
            });
          case 'stall': {
            plan.counts.stalls++;
            const ms = plan.stallMs();
            plan.record({ replica: incarnation.name, at: scheduler.now(), kind: 'stall' });
            return scheduler.sleep(`stall-${incarnation.name}`, ms).then(() => (incarnation.dead ? never() : guardDead(call(), incarnation)));
          }
        }
      };
    },
  });
}

/** A call that completes after its replica died does not return to it. */
function guardDead(result: unknown, incarnation: Incarnation): unknown {
  if (!(result instanceof Promise)) return result;
  return result.then((value: unknown) => (incarnation.dead ? never() : value));
}
