import type { Stores } from '../../src/app/prana-app.js';

/** Store methods that write. */
const WRITES: Readonly<Record<keyof Stores, readonly string[]>> = {
  executions: ['insert', 'update', 'claim', 'renew', 'release', 'finishEffects', 'collectGarbage'],
  events: ['append'],
  graphs: ['save'],
  idempotency: ['putIfAbsent'],
  tasks: ['create', 'claim', 'extend', 'finish'],
  schedules: ['create', 'replace', 'claim', 'remove'],
};

/** Wraps stores so every call is counted, writes apart from reads (one call = one request to the store). */
export function countingStores(stores: Stores, counter: { writes: number; reads: number }): Stores {
  const wrap = <T extends object>(store: T, methods: readonly string[]): T =>
    new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(target);
        const write = typeof property === 'string' && methods.includes(property);
        return (...args: unknown[]) => {
          if (write) counter.writes++;
          else counter.reads++;
          return bound(...args);
        };
      },
    });
  return {
    ...stores,
    executions: wrap(stores.executions, WRITES.executions),
    events: wrap(stores.events, WRITES.events),
    graphs: wrap(stores.graphs, WRITES.graphs),
    idempotency: wrap(stores.idempotency, WRITES.idempotency),
    tasks: wrap(stores.tasks, WRITES.tasks),
  };
}
