import type { Json, JsonObject } from '../domain/json.js';

/** The exact UTF-8 size of `JSON.stringify(text)`. */
function stringJsonSize(text: string): number {
  let bytes = 2;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x22 || unit === 0x5c) bytes += 2;
    else if (unit < 0x20) bytes += unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d ? 2 : 6;
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 6; // a lone surrogate is written as \uXXXX
      }
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Walks a value summing the size of its compact JSON text, cut short once the sum passes
 * `budget` (so the walk costs at most about `budget` steps, even for values sharing sub-trees).
 * `exact` measures UTF-8 bytes; otherwise a cheap upper bound is used: 6 bytes per code unit of a
 * string (the widest escape), 24 per number.
 */
function measure(value: Json | undefined, budget: number, exact: boolean): number {
  switch (typeof value) {
    case 'string':
      return !exact || value.length > budget ? value.length * (exact ? 1 : 6) + 2 : stringJsonSize(value);
    case 'number':
      return exact ? (Number.isFinite(value) ? String(value).length : 4) : 24;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      return 4;
  }
  if (value === null) return 4;
  let size = 2;
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    for (let i = 0; i < items.length; i++) {
      size += 1 + measure(items[i], budget - size, exact);
      if (size > budget) return size;
    }
    return size;
  }
  const object = value as JsonObject;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const item = object[key];
    if (item === undefined) continue;
    size += 2 + measure(key, budget - size, exact) + measure(item, budget - size, exact);
    if (size > budget) return size;
  }
  return size;
}

/**
 * The UTF-8 size of a value's compact JSON text (within a couple of bytes: separators are counted
 * generously), or any number above `budget` once the size is known to exceed it.
 */
export function jsonSizeWithin(value: Json | undefined, budget: number): number {
  return measure(value, budget, true);
}

/** A cheap upper bound of `jsonSizeWithin`, also cut short above `budget`. */
export function jsonSizeUpperBound(value: Json | undefined, budget: number): number {
  return measure(value, budget, false);
}
