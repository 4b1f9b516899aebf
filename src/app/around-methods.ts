/** Calls a method of the wrapped object with these arguments. */
export type MethodCall = (args: readonly unknown[]) => unknown;

/**
 * A proxy of `target` whose every method call goes through `around(name, call, args)`, which decides
 * whether and how `call` runs; other properties read through unchanged. Each method's wrapper is
 * made once.
 */
export function aroundMethods<T extends object>(target: T, around: (name: string, call: MethodCall, args: readonly unknown[]) => unknown): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let wrapper = wrapped.get(property);
      if (wrapper === undefined) {
        const method = value as (...args: readonly unknown[]) => unknown;
        const call: MethodCall = (args) => Reflect.apply(method, object, args as unknown[]);
        const name = String(property);
        wrapper = (...args: unknown[]): unknown => around(name, call, args);
        wrapped.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
