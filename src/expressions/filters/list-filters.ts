import type { Json, JsonObject } from '../../domain/json.js';
import { codePointLength, codePointSlice, compareCodePoints, reverseCodePoints } from '../code-points.js';
import { deepEqual } from '../deep-equal.js';
import { failOutputTooLarge, fail } from '../expression-failure.js';
import { boundedCanonicalJson, boundedTextForm } from '../text-form.js';
import { filterFail, type FilterFunction } from './filter-function.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** `length`: array element count, object key count, string code-point count. */
export const length: FilterFunction = (value) => {
  if (typeof value === 'string') return codePointLength(value);
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return filterFail('length', 'length can only be applied to collections or strings');
};

/** `first` / `last`: an end element of an array or code point of a string; null when empty. */
function endFilter(name: 'first' | 'last'): FilterFunction {
  return (value) => {
    if (Array.isArray(value)) {
      const items = value as readonly Json[];
      return (name === 'first' ? items[0] : items[items.length - 1]) ?? null;
    }
    if (typeof value === 'string') {
      if (value === '') return null;
      if (name === 'first') return String.fromCodePoint(value.codePointAt(0) ?? 0);
      const count = codePointLength(value);
      return codePointSlice(value, count - 1, count);
    }
    return filterFail(name, `${name} can only be applied to lists or strings`);
  };
}

/** `first`. */
export const first = endFilter('first');
/** `last`. */
export const last = endFilter('last');

/** `join(separator = ", ")`: the text forms of the elements, joined. */
export const join: FilterFunction = (value, separator, _b, run) => {
  if (!Array.isArray(value)) return filterFail('join', 'join can only be applied to lists');
  const max = run.maxStringBytes;
  const glue = separator === undefined ? ', ' : boundedTextForm(separator, max);
  let out = '';
  const items = value as readonly Json[];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += glue;
    out += boundedTextForm(items[i], max - out.length);
    if (out.length > max) failOutputTooLarge();
  }
  return out;
};

type SortKind = 'number' | 'string' | 'boolean';

/** `sort`: an ascending copy of a list of numbers, strings (by code point) or booleans. */
export const sort: FilterFunction = (value) => {
  if (!Array.isArray(value)) return filterFail('sort', 'sort filter only supports lists');
  const items = (value as readonly Json[]).slice();
  if (items.length === 0) return items;
  const kind = typeof items[0];
  if (kind !== 'number' && kind !== 'string' && kind !== 'boolean') return mixedSort();
  for (const item of items) if (typeof item !== kind) return mixedSort();
  switch (kind as SortKind) {
    case 'number':
      return (items as number[]).sort((x, y) => x - y);
    case 'string':
      return (items as string[]).sort(compareCodePoints);
    case 'boolean':
      return (items as boolean[]).sort((x, y) => Number(x) - Number(y));
  }
};

function mixedSort(): never {
  return filterFail('sort', 'sort requires a list of numbers, a list of strings or a list of booleans');
}

/** `reverse`: a reversed copy of an array, or a string with its code points reversed. */
export const reverse: FilterFunction = (value) => {
  if (Array.isArray(value)) return (value as readonly Json[]).slice().reverse();
  if (typeof value === 'string') return reverseCodePoints(value);
  return filterFail('reverse', 'reverse can only be applied to lists or strings');
};

/** `uniq`: the first occurrence of each value, by deep equality. */
export const uniq: FilterFunction = (value) => {
  if (!Array.isArray(value)) return filterFail('uniq', 'uniq can only be applied to lists');
  // Scalars are deduplicated through a Set (SameValueZero matches numeric equality for JSON
  // numbers); only compound values need pairwise deep comparison.
  const seen = new Set<Json>();
  const compounds: Json[] = [];
  const out: Json[] = [];
  for (const item of value as readonly Json[]) {
    if (typeof item === 'object' && item !== null) {
      if (compounds.some((kept) => deepEqual(kept, item))) continue;
      compounds.push(item);
    } else {
      if (seen.has(item)) continue;
      seen.add(item);
    }
    out.push(item);
  }
  return out;
};

/** `slice(start, length?)` on an array or string; a negative start counts from the end. */
export const slice: FilterFunction = (value, start, count) => {
  const isText = typeof value === 'string';
  const valid =
    (isText || Array.isArray(value)) &&
    typeof start === 'number' &&
    Number.isInteger(start) &&
    (count === undefined || (typeof count === 'number' && Number.isInteger(count) && count >= 0));
  if (!valid) return filterFail('slice', 'slice requires start index and optional length');
  const total = isText ? codePointLength(value) : (value as readonly Json[]).length;
  const from = start < 0 ? Math.max(0, total + start) : start;
  if (from >= total) return isText ? '' : [];
  const to = count === undefined ? total : Math.min(total, from + (count as number));
  return isText ? codePointSlice(value, from, to) : (value as readonly Json[]).slice(from, to);
};

/** `contains(x)`: element (deep equality), substring (text form) or own key (strings only). */
export const contains: FilterFunction = (value, needle, _b, run) => {
  const target = needle ?? null;
  if (Array.isArray(value)) return (value as readonly Json[]).some((item) => deepEqual(item, target));
  if (typeof value === 'string') return value.includes(boundedTextForm(target, run.maxStringBytes));
  if (typeof value === 'object' && value !== null) return typeof target === 'string' && hasOwn.call(value, target);
  return filterFail('contains', 'contains requires a value to search for');
};

/** `compact`: the array without its `null` elements. */
export const compact: FilterFunction = (value) => {
  if (!Array.isArray(value)) return filterFail('compact', 'compact can only be applied to lists');
  return (value as readonly Json[]).filter((item) => item !== null && item !== undefined);
};

/** `flatten`: the array flattened at every depth (bounded like rendered output). */
export const flatten: FilterFunction = (value, _a, _b, run) => {
  if (!Array.isArray(value)) return filterFail('flatten', 'flatten can only be applied to lists');
  const out: Json[] = [];
  // Shared sub-arrays can make the flattened result exponentially large: count the work.
  let budget = run.maxRenderedBytes;
  const visit = (items: readonly Json[]): void => {
    for (const item of items) {
      if (--budget < 0) failOutputTooLarge();
      if (Array.isArray(item)) visit(item as readonly Json[]);
      else out.push(item);
    }
  };
  visit(value as readonly Json[]);
  return out;
};

/** `sum`: the sum of an array of numbers; `[]` gives 0. */
export const sum: FilterFunction = (value) => {
  if (!Array.isArray(value)) return filterFail('sum', 'sum can only be applied to lists');
  let total = 0;
  for (const item of value as readonly Json[]) {
    if (typeof item !== 'number') return filterFail('sum', 'sum filter requires all elements to be numeric');
    total += item;
  }
  if (!Number.isFinite(total)) return fail('Numeric result is not finite');
  return total === 0 ? 0 : total;
};

/** `keys`: an object's own keys, sorted by code unit. */
export const keys: FilterFunction = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return filterFail('keys', 'keys can only be applied to maps');
  return Object.keys(value).sort();
};

/** `values`: an object's values in sorted-key order. */
export const values: FilterFunction = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return filterFail('values', 'values can only be applied to maps');
  const object = value as JsonObject;
  return Object.keys(object)
    .sort()
    .map((key) => object[key] ?? null);
};

/** `dump`: the canonical JSON text of any value. */
export const dump: FilterFunction = (value, _a, _b, run) => boundedCanonicalJson(value, run.maxStringBytes);
