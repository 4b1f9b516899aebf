/** A JSON value: the only kind of data that crosses a node boundary. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/** A JSON object. Keys are strings; values are JSON. */
export interface JsonObject {
  readonly [key: string]: Json;
}

/** True when the value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type name used in messages: null, boolean, number, string, array or object. */
export function jsonTypeName(value: Json | undefined): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** Reads an own data property of a plain object, or undefined; never reaches the prototype chain. */
export function ownProperty(object: JsonObject, key: string): Json | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

/**
 * Freezes a JSON value and everything inside it, in place, and returns it (shared constants and
 * rendered params are frozen, so a node that mutates what it was given fails loudly). Parts already
 * frozen are left as they are.
 */
export function deepFreeze<T extends Json>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const item of value as readonly Json[]) deepFreeze(item);
  else for (const key of Object.keys(value)) deepFreeze((value as JsonObject)[key] as Json);
  return value;
}
