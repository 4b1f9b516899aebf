import type { Json } from './json.js';

/**
 * Canonical JSON text: compact, object keys sorted by UTF-16 code unit at every depth.
 * Used for text forms, graph hashing and deterministic comparisons. A value whose objects already
 * have their keys in that order is written by JSON.stringify, whose text is then the same (it skips
 * undefined members, writes -0 as 0 and non-finite numbers as null, as this does).
 */
export function canonicalJson(value: Json | undefined): string {
  if (value !== null && typeof value === 'object' && keysSorted(value, 0)) return JSON.stringify(value);
  return canonicalText(value);
}

/** Nesting beyond which keysSorted gives up and the slow path sorts (it recurses too, but once). */
const SORTED_CHECK_DEPTH = 64;

/** True when every object in the value has its own keys in sorted order. */
function keysSorted(value: Json, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > SORTED_CHECK_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!keysSorted(value[i] as Json, depth + 1)) return false;
    return true;
  }
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as { readonly [key: string]: Json })[key] as Json, depth + 1)) return false;
  }
  return true;
}

function canonicalText(value: Json | undefined): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(Object.is(value, -0) ? 0 : value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return out + ']';
  }
  const object = value as { readonly [key: string]: Json };
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}
