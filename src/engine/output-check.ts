/**
 * Checks that a node output is JSON and not larger than the limit.
 * Objects already checked are remembered with their size, so pass-through outputs and constant
 * outputs cost one lookup. Values are immutable by contract, so a checked object stays valid.
 */
const checked = new WeakMap<object, number>();

/** Why an output was refused. */
export type OutputProblem = { readonly kind: 'not_json'; readonly reason: string } | { readonly kind: 'too_large' };

/** Returns null when the output is valid JSON within `maxBytes`, else the problem. */
export function checkOutput(value: unknown, maxBytes: number): OutputProblem | null {
  try {
    const size = measure(value, 0, maxBytes);
    return size > maxBytes ? { kind: 'too_large' } : null;
  } catch (error) {
    if (error === TOO_LARGE) return { kind: 'too_large' };
    if (error instanceof NotJson) return { kind: 'not_json', reason: error.message };
    throw error;
  }
}

const TOO_LARGE = Symbol('too_large');
/**
 * Small objects are cheaper to measure again than to remember (a WeakMap entry costs more), except
 * frozen ones: those are constants of a graph and come back on every execution.
 */
const CACHE_FROM_BYTES = 1024;
const MAX_DEPTH = 1000;

class NotJson extends Error {}

function utf8Length(text: string): number {
  let n = text.length + 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) n += c < 0x20 ? 5 : 1;
    else if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 1 : 2;
  }
  return n;
}

/** Length of a number's JSON text: exact for safe integers without building the string. */
function numberLength(value: number): number {
  if (!Number.isSafeInteger(value)) return String(value).length;
  let n = value < 0 ? 2 : 1;
  let rest = Math.abs(value);
  while (rest >= 10) {
    rest = Math.floor(rest / 10);
    n++;
  }
  return n;
}

function measure(value: unknown, depth: number, budget: number): number {
  switch (typeof value) {
    case 'string':
      return utf8Length(value);
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson('a number is not finite');
      return numberLength(value);
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      throw new NotJson(`a value of type ${typeof value} is not JSON`);
  }
  if (value === null) return 4;
  const known = checked.get(value);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH) throw new NotJson('the value is nested too deeply or is cyclic');
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      size += measure(value[i], depth + 1, budget) + 1;
      if (size > budget) throw TOO_LARGE;
    }
  } else {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new NotJson('an object is not a plain object');
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) throw new NotJson(`property "${key}" is undefined`);
      size += utf8Length(key) + 1 + measure(item, depth + 1, budget) + 1;
      if (size > budget) throw TOO_LARGE;
    }
  }
  if (size >= CACHE_FROM_BYTES || Object.isFrozen(value)) checked.set(value, size);
  return size;
}
