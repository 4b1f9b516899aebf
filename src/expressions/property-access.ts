import { canonicalJson } from '../domain/canonical-json.js';
import type { Json, JsonObject } from '../domain/json.js';
import { fail } from './expression-failure.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** Keys that always read as null, even as own properties. */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * `.name` on a value whose key is known not to be forbidden: the object's own property, or null.
 * Arrays, strings and other non-objects have no properties.
 */
export function readAllowedProperty(value: Json, key: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (!hasOwn.call(value, key)) return null;
  const item = (value as JsonObject)[key];
  return item === undefined ? null : item;
}

/** Property access: own property of an object, null for forbidden keys and non-objects. */
export function readProperty(value: Json, key: string): Json {
  return isForbiddenKey(key) ? null : readAllowedProperty(value, key);
}

/** Index access `[i]` with an evaluated index. */
export function readIndex(value: Json, index: Json): Json {
  switch (typeof index) {
    case 'string':
      return readProperty(value, index);
    case 'number': {
      if (!Number.isInteger(index)) return fail(`Invalid array index or map key: ${canonicalJson(index)}`);
      if (!Array.isArray(value) || index < 0 || index >= value.length) return null;
      const item = (value as readonly Json[])[index];
      return item === undefined ? null : item;
    }
    case 'boolean':
      return null;
    default:
      if (index === null || index === undefined) return null;
      return fail(`Invalid array index or map key: ${canonicalJson(index)}`);
  }
}
