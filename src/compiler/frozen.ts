import type { Json, JsonObject } from '../domain/json.js';

/** A Map whose contents can never change once built: `set`, `delete` and `clear` throw. */
class FrozenMap<K, V> extends Map<K, V> {
  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [key, value] of entries) super.set(key, value);
    Object.freeze(this);
  }

  override set(_key: K, _value: V): this {
    throw new TypeError('frozen map');
  }

  override delete(_key: K): boolean {
    throw new TypeError('frozen map');
  }

  override clear(): void {
    throw new TypeError('frozen map');
  }
}

/** A Set whose contents can never change once built: `add`, `delete` and `clear` throw. */
class FrozenSet<T> extends Set<T> {
  constructor(values: Iterable<T>) {
    super();
    for (const value of values) super.add(value);
    Object.freeze(this);
  }

  override add(_value: T): this {
    throw new TypeError('frozen set');
  }

  override delete(_value: T): boolean {
    throw new TypeError('frozen set');
  }

  override clear(): void {
    throw new TypeError('frozen set');
  }
}

/** An immutable map of the given entries, in their order. */
export function frozenMap<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  return new FrozenMap(entries);
}

/** An immutable set of the given values, in their order. */
export function frozenSet<T>(values: Iterable<T>): ReadonlySet<T> {
  return new FrozenSet(values);
}

/** A deep copy of a JSON value in which every object and array is frozen; the input is not touched. */
export function frozenJson<T extends Json>(value: T): T {
  return copyFrozen(value) as T;
}

/** Like frozenJson, for objects. */
export function frozenJsonObject(value: JsonObject): JsonObject {
  return copyFrozen(value) as JsonObject;
}

function copyFrozen(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(copyFrozen));
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    const item = (value as JsonObject)[key];
    if (item === undefined) continue;
    // defineProperty keeps a "__proto__" key an own data property instead of a prototype change.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyFrozen(item), enumerable: true, writable: true, configurable: true });
    else out[key] = copyFrozen(item);
  }
  return Object.freeze(out);
}
