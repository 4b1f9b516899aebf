// Breaking a replica at a chosen store call, for the recovery tests: it crashes before or after the
// call takes effect (its store calls then never return and its timers never fire, as for a killed
// process), or the call fails with StoreUnavailable before or after taking effect.
import type { Stores } from '../../../src/app/prana-app.js';
import type { Timers } from '../../../src/app/ports/clock.js';
import { StoreUnavailable } from '../../../src/app/ports/execution-store.js';

/** What happens at the chosen call; `hold` makes it wait until `release()` (a store call that stalls). */
export type Breakage = 'crash_before' | 'crash_after' | 'fail_before' | 'fail_after' | 'hold';

/** Chooses the call: `store.method` (e.g. `executions.update`), the how-manieth (1 = the first), and an optional test of its arguments. */
export interface BreakPoint {
  readonly call: string;
  readonly nth?: number;
  readonly when?: (args: readonly unknown[]) => boolean;
  readonly breakage: Breakage;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** A replica's fate: which store call breaks it, and whether it is dead. */
export class Crash {
  dead = false;
  /** True once the break point was reached. */
  reached = false;
  private seen = 0;
  private readonly timersOwned = new Set<{ cancel(): void }>();
  private held: (() => void) | null = null;

  /** Lets a held call go on. */
  release(): void {
    this.held?.();
    this.held = null;
  }

  constructor(private readonly point: BreakPoint) {}

  /** The replica's stores, broken at the break point. */
  wrap(stores: Stores): Stores {
    const wrapped: Record<string, unknown> = {};
    for (const [name, store] of Object.entries(stores) as [string, object][]) wrapped[name] = this.wrapOne(name, store);
    return wrapped as unknown as Stores;
  }

  /** The replica's timers: none fires once it is dead. */
  timers(source: Timers): Timers {
    return {
      setTimeout: (callback, ms) => {
        const timer = source.setTimeout(() => {
          this.timersOwned.delete(timer);
          if (!this.dead) callback();
        }, ms);
        this.timersOwned.add(timer);
        return timer;
      },
    };
  }

  private wrapOne(name: string, store: object): object {
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          const call = (): Promise<unknown> => Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
          if (this.dead) return never();
          if (
            `${name}.${String(property)}` !== this.point.call ||
            this.reached ||
            !(this.point.when?.(args) ?? true) ||
            ++this.seen !== (this.point.nth ?? 1)
          ) {
            return call().then((result) => (this.dead ? never() : result));
          }
          this.reached = true;
          switch (this.point.breakage) {
            case 'crash_before':
              this.die();
              return never();
            case 'crash_after':
              return call().then(() => {
                this.die();
                return never();
              });
            case 'fail_before':
              return Promise.reject(new StoreUnavailable(`broken before ${this.point.call}`));
            case 'fail_after':
              return call().then(() => {
                throw new StoreUnavailable(`broken after ${this.point.call}`);
              });
            case 'hold':
              return new Promise<void>((resolve) => {
                this.held = resolve;
              }).then(call);
          }
        };
      },
    });
  }

  private die(): void {
    this.dead = true;
    for (const timer of this.timersOwned) timer.cancel();
    this.timersOwned.clear();
  }
}
