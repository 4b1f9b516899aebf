import type { Json } from '../domain/json.js';

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
