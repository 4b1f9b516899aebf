import type { Json, JsonObject } from '../domain/json.js';

/** A JSON object under construction. */
export type MutableJsonObject = { [key: string]: Json };

/**
 * Sets an own data property. A plain assignment of `__proto__` would change the object's prototype
 * instead, so that key is defined explicitly: data keys stay data.
 */
export function setOwn(target: MutableJsonObject, key: string, value: Json): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Deep-freezes a JSON value in place and returns it. */
export function deepFreeze<T extends Json>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (const item of value as readonly Json[]) deepFreeze(item);
  } else {
    const object = value as JsonObject;
    for (const key of Object.keys(object)) deepFreeze(object[key] as Json);
  }
  return Object.freeze(value);
}
