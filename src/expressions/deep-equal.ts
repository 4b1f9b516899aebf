import type { Json, JsonObject } from '../domain/json.js';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Deep structural equality; never throws. Different types are unequal, numbers compare
 * numerically, strings by code unit, arrays element by element, objects by key set and values
 * (key order is irrelevant).
 */
export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const x = a as readonly Json[];
    const y = b as readonly Json[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i] as Json, y[i] as Json)) return false;
    return true;
  }
  const x = a as JsonObject;
  const y = b as JsonObject;
  let count = 0;
  for (const key in x) {
    if (!hasOwn.call(x, key)) continue;
    count++;
    if (!hasOwn.call(y, key) || !deepEqual(x[key] as Json, y[key] as Json)) return false;
  }
  for (const key in y) if (hasOwn.call(y, key)) count--;
  return count === 0;
}
