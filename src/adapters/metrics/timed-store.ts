import { aroundMethods } from '../../app/around-methods.js';

/** Receives each store call: which store, which method, how long it took and whether it failed. */
export type StoreCallObserver = (store: string, method: string, seconds: number, failed: boolean) => void;

/** Wraps a store so that every call (synchronous or a promise) is timed and reported to `observe`. */
export function timedStore<T extends object>(store: T, name: string, observe: StoreCallObserver): T {
  return aroundMethods(store, (method, call, args) => {
    const started = performance.now();
    const done = (failed: boolean): void => observe(name, method, (performance.now() - started) / 1000, failed);
    let result: unknown;
    try {
      result = call(args);
    } catch (error) {
      done(true);
      throw error;
    }
    if (!(result instanceof Promise)) {
      done(false);
      return result;
    }
    return result.then(
      (value: unknown) => {
        done(false);
        return value;
      },
      (error: unknown) => {
        done(true);
        throw error;
      },
    );
  });
}
