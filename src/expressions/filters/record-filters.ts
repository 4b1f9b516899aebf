import type { Json } from '../../domain/json.js';
import { deepEqual } from '../deep-equal.js';
import { setOwn, type MutableJsonObject } from '../own-object.js';
import { readProperty } from '../property-access.js';
import { boundedCanonicalJson } from '../text-form.js';
import { filterFail, type FilterFunction } from './filter-function.js';

function isRecord(value: Json): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The group key of a field value (`group_by`). */
function groupKey(field: Json, maxLength: number): string {
  switch (typeof field) {
    case 'string':
      return field;
    case 'number':
      return String(field);
    case 'boolean':
      return field ? 'true' : 'false';
    default:
      return field === null ? 'null' : boundedCanonicalJson(field, maxLength);
  }
}

/** `group_by(field)`: group key → the object items with that key, keys sorted. */
export const groupBy: FilterFunction = (value, field, _b, run) => {
  if (!Array.isArray(value) || typeof field !== 'string') return filterFail('group_by', 'group_by requires a key field');
  const groups = new Map<string, Json[]>();
  for (const item of value as readonly Json[]) {
    if (!isRecord(item)) continue;
    const key = groupKey(readProperty(item, field), run.maxStringBytes);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  const out: MutableJsonObject = {};
  for (const key of [...groups.keys()].sort()) setOwn(out, key, groups.get(key) ?? []);
  return out;
};

/** `map(field)`: the non-null field values of the object items. */
export const mapField: FilterFunction = (value, field) => {
  if (!Array.isArray(value) || typeof field !== 'string') return filterFail('map', 'map requires a field name');
  const out: Json[] = [];
  for (const item of value as readonly Json[]) {
    if (!isRecord(item)) continue;
    const picked = readProperty(item, field);
    if (picked !== null) out.push(picked);
  }
  return out;
};

/** `filter(field, value)`: the object items whose field deep-equals the value. */
export const filterItems: FilterFunction = (value, field, expected) => {
  if (!Array.isArray(value) || typeof field !== 'string') return filterFail('filter', 'filter requires field name and value');
  const wanted = expected ?? null;
  return (value as readonly Json[]).filter((item) => isRecord(item) && deepEqual(readProperty(item, field), wanted));
};

/** `reject(field, value)`: every item except the objects whose field deep-equals the value. */
export const rejectItems: FilterFunction = (value, field, expected) => {
  if (!Array.isArray(value) || typeof field !== 'string') return filterFail('reject', 'reject requires field name and value');
  const unwanted = expected ?? null;
  return (value as readonly Json[]).filter((item) => !isRecord(item) || !deepEqual(readProperty(item, field), unwanted));
};
