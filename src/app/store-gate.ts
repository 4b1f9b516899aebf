import { StoreUnavailable } from './ports/execution-store.js';
import type { StoreAvailability } from './ports/store-availability.js';

/**
 * Wraps a store so that while the stores cannot be reached every call fails at once with
 * StoreUnavailable, instead of waiting for the driver's server selection: callers get
 * UNAVAILABLE store_unavailable in milliseconds and retry elsewhere or later.
 */
export function gated<T extends object>(store: T, availability: StoreAvailability, name: string): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let gate = wrapped.get(property);
      if (gate === undefined) {
        const method = value as (...args: unknown[]) => unknown;
        gate = (...args: unknown[]): unknown => {
          if (!availability.available) return Promise.reject(new StoreUnavailable(`the ${name} store cannot be reached (${String(property)})`));
          return method.apply(target, args);
        };
        wrapped.set(property, gate);
      }
      return gate;
    },
  });
}
