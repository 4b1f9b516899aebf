import { jsonTypeName, type Json } from '../domain/json.js';
import { fail, failOutputTooLarge } from './expression-failure.js';
import { boundedTextForm } from './text-form.js';

/** Normalises a numeric result: non-finite is an error, `-0` becomes `0`. */
export function finiteResult(value: number): number {
  if (value - value !== 0) fail('Numeric result is not finite');
  return value === 0 ? 0 : value;
}

function unsupported(a: Json, operator: string, b: Json): never {
  return fail(`Unsupported operation: ${jsonTypeName(a)} ${operator} ${jsonTypeName(b)}`);
}

/**
 * `a + b`: the sum of two numbers, or the concatenated text forms when either operand is
 * a string. The concatenation may not exceed `maxLength` code units.
 */
export function add(a: Json, b: Json, maxLength: number): Json {
  if (typeof a === 'number' && typeof b === 'number') return finiteResult(a + b);
  if (typeof a === 'string' || typeof b === 'string') {
    const text = boundedTextForm(a, maxLength) + boundedTextForm(b, maxLength);
    if (text.length > maxLength) failOutputTooLarge();
    return text;
  }
  return unsupported(a, '+', b);
}

/** `a - b` on numbers. */
export function subtract(a: Json, b: Json): Json {
  if (typeof a === 'number' && typeof b === 'number') return finiteResult(a - b);
  return unsupported(a, '-', b);
}

/** `a * b` on numbers. */
export function multiply(a: Json, b: Json): Json {
  if (typeof a === 'number' && typeof b === 'number') return finiteResult(a * b);
  return unsupported(a, '*', b);
}

/** `a / b` on numbers, not truncated. */
export function divide(a: Json, b: Json): Json {
  if (typeof a !== 'number' || typeof b !== 'number') return unsupported(a, '/', b);
  if (b === 0) return fail('Division by zero');
  return finiteResult(a / b);
}

/** `a % b` on integers, with the sign of `a`. */
export function modulo(a: Json, b: Json): Json {
  if (typeof a !== 'number' || typeof b !== 'number') return unsupported(a, '%', b);
  if (b === 0) return fail('Modulo by zero');
  if (!Number.isInteger(a) || !Number.isInteger(b)) return fail('Modulo requires integers');
  return finiteResult(a % b);
}

/** Unary `-a` on a number. */
export function negate(a: Json): Json {
  if (typeof a !== 'number') return fail(`Unsupported operation: -${jsonTypeName(a)}`);
  return a === 0 ? 0 : -a;
}
