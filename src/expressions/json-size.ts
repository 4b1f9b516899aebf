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
 * The UTF-8 size of a value's compact JSON text, or any number above `budget` once the size is
 * known to exceed it (so the walk costs at most about `budget` steps).
 */
export function jsonSizeWithin(value: Json | undefined, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length > budget ? value.length : stringJsonSize(value);
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4;
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
      if (i > 0) size++;
      size += jsonSizeWithin(items[i], budget - size);
      if (size > budget) return size;
    }
    return size;
  }
  const object = value as JsonObject;
  let first = true;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const item = object[key];
    if (item === undefined) continue;
    if (!first) size++;
    first = false;
    size += stringJsonSize(key) + 1;
    size += jsonSizeWithin(item, budget - size);
    if (size > budget) return size;
  }
  return size;
}

/**
 * A cheap upper bound of `jsonSizeWithin` (every code unit counted as 6 bytes, every number as
 * 24), also cut short above `budget`. When the bound fits, the exact size need not be computed.
 */
export function jsonSizeUpperBound(value: Json | undefined, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
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
      size += 1 + jsonSizeUpperBound(items[i], budget - size);
      if (size > budget) return size;
    }
    return size;
  }
  const object = value as JsonObject;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    size += key.length * 6 + 4 + jsonSizeUpperBound(object[key], budget - size);
    if (size > budget) return size;
  }
  return size;
}
