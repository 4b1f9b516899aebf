import { jsonTypeName, type Json } from '../domain/json.js';
import { compareCodePoints } from './code-points.js';
import { fail } from './expression-failure.js';

/** A relational operator. */
export type RelationalOperator = '<' | '<=' | '>' | '>=';

/**
 * Orders two numbers numerically or two strings by code point; any other pair is the error
 * `Cannot compare <type a> with <type b>`.
 */
export function compareForRelation(a: Json, b: Json): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return fail(`Cannot compare ${jsonTypeName(a)} with ${jsonTypeName(b)}`);
}

/** Applies a relational operator. */
export function relate(operator: RelationalOperator, a: Json, b: Json): boolean {
  const order = compareForRelation(a, b);
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}
