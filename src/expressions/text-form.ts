import type { Json, JsonObject } from '../domain/json.js';
import { failOutputTooLarge } from './expression-failure.js';

/**
 * Canonical JSON (compact, keys sorted by code unit at every depth), giving up with the
 * rendered-output error as soon as the text passes `maxLength` UTF-16 code units. Bounding the
 * work matters because values can share sub-trees: `[a, a]` nested n times is small in memory
 * but exponential as text. The output equals `canonicalJson` from the domain.
 */
export function boundedCanonicalJson(value: Json, maxLength: number): string {
  const out = writeJson(value, '', maxLength);
  if (out.length > maxLength) failOutputTooLarge();
  return out;
}

function writeJson(value: Json | undefined, out: string, maxLength: number): string {
  if (out.length > maxLength) failOutputTooLarge();
  switch (typeof value) {
    case 'string':
      return out + JSON.stringify(value);
    case 'number':
      // String(-0) is "0"; non-finite numbers never reach here, but JSON would write null.
      return out + (Number.isFinite(value) ? String(value) : 'null');
    case 'boolean':
      return out + (value ? 'true' : 'false');
    case 'object':
      break;
    default:
      return out + 'null';
  }
  if (value === null) return out + 'null';
  if (Array.isArray(value)) {
    out += '[';
    const items = value as readonly Json[];
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out += ',';
      out = writeJson(items[i], out, maxLength);
    }
    return out + ']';
  }
  const object = value as JsonObject;
  const keys = Object.keys(object).sort();
  out += '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    if (!first) out += ',';
    first = false;
    out = writeJson(item, out + JSON.stringify(key) + ':', maxLength);
  }
  return out + '}';
}

/**
 * The text form of a value, bounded like `boundedCanonicalJson`: `null` is `""`, strings
 * are themselves, numbers use `Number::toString` (`-0` gives `"0"`), arrays and objects are
 * canonical JSON.
 */
export function boundedTextForm(value: Json | undefined, maxLength: number): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? '' : boundedCanonicalJson(value, maxLength);
    default:
      return '';
  }
}

/** The text form of a value. */
export function textForm(value: Json): string {
  return boundedTextForm(value, Number.POSITIVE_INFINITY);
}
