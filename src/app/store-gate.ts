import { aroundMethods } from './around-methods.js';
import { StoreUnavailable } from './ports/execution-store.js';
import type { StoreAvailability } from './ports/store-availability.js';

/**
 * Wraps a store so that while the stores cannot be reached every call fails at once with
 * StoreUnavailable, instead of waiting for the driver's server selection: callers get
 * UNAVAILABLE store_unavailable in milliseconds and retry elsewhere or later.
 */
export function gated<T extends object>(store: T, availability: StoreAvailability, name: string): T {
  return aroundMethods(store, (method, call, args) => {
    if (!availability.available) return Promise.reject(new StoreUnavailable(`the ${name} store cannot be reached (${method})`));
    return call(args);
  });
}
