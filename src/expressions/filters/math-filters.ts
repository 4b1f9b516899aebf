import type { Json } from '../../domain/json.js';
import { roundHalfAwayFromZero } from '../decimal-round.js';
import { filterFail, type FilterFunction } from './filter-function.js';

/** Normalises `-0` to `0`. */
function plainZero(value: number): number {
  return value === 0 ? 0 : value;
}

/** `abs`, `ceil` and `floor`: a number in, a number out. */
function unaryMath(name: 'abs' | 'ceil' | 'floor', operation: (x: number) => number): FilterFunction {
  return (value) => {
    if (typeof value !== 'number') return filterFail(name, `${name} can only be applied to numbers`);
    return plainZero(operation(value));
  };
}

/** `abs`. */
export const abs = unaryMath('abs', Math.abs);
/** `ceil`. */
export const ceil = unaryMath('ceil', Math.ceil);
/** `floor`. */
export const floor = unaryMath('floor', Math.floor);

/** `round(places = 0)`: ties away from zero on the shortest decimal representation. */
export const round: FilterFunction = (value, places) => {
  if (typeof value !== 'number') return filterFail('round', 'round can only be applied to numbers');
  const digits = places === undefined ? 0 : places;
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < 0 || digits > 15) {
    return filterFail('round', 'round precision must be an integer between 0 and 15');
  }
  return roundHalfAwayFromZero(value, digits);
};

/**
 * `max` / `min`: on an array, the extreme number in it (non-numbers ignored); on a number with a
 * number argument, the larger/smaller of the two; on a number alone, the number.
 */
function extreme(name: 'max' | 'min'): FilterFunction {
  const better = name === 'max' ? (x: number, y: number) => x > y : (x: number, y: number) => x < y;
  return (value: Json, other: Json | undefined) => {
    if (Array.isArray(value) && other === undefined) {
      const items = value as readonly Json[];
      if (items.length === 0) return filterFail(name, `${name} cannot be applied to empty list`);
      let best: number | undefined;
      for (const item of items) if (typeof item === 'number' && (best === undefined || better(item, best))) best = item;
      if (best === undefined) return filterFail(name, `${name} requires at least one numeric value`);
      return plainZero(best);
    }
    if (typeof value === 'number' && other === undefined) return plainZero(value);
    if (typeof value === 'number' && typeof other === 'number') return plainZero(better(other, value) ? other : value);
    return filterFail(name, `${name} can only be applied to numbers or lists of numbers`);
  };
}

/** `max`. */
export const max = extreme('max');
/** `min`. */
export const min = extreme('min');

/** `power(exponent)`. */
export const power: FilterFunction = (base, exponent) => {
  if (typeof base !== 'number' || typeof exponent !== 'number') return filterFail('power', 'power requires a base number and exponent');
  const result = base ** exponent;
  if (!Number.isFinite(result)) return filterFail('power', 'power result is not a finite number');
  return plainZero(result);
};

/** `sqrt`. */
export const sqrt: FilterFunction = (value) => {
  if (typeof value !== 'number') return filterFail('sqrt', 'sqrt can only be applied to numbers');
  if (value < 0) return filterFail('sqrt', 'sqrt cannot be applied to negative numbers');
  return plainZero(Math.sqrt(value));
};

/** `mod(divisor)`: the remainder of two integers, with the sign of the value. */
export const mod: FilterFunction = (value, divisor) => {
  if (typeof value !== 'number' || typeof divisor !== 'number') return filterFail('mod', 'mod requires two integers');
  if (divisor === 0) return filterFail('mod', 'mod by zero is undefined');
  if (!Number.isInteger(value) || !Number.isInteger(divisor)) return filterFail('mod', 'mod requires two integers');
  return plainZero(value % divisor);
};

/** `clamp(lo, hi)`: `min(max(v, lo), hi)`. */
export const clamp: FilterFunction = (value, lo, hi) => {
  if (typeof value !== 'number' || typeof lo !== 'number' || typeof hi !== 'number') {
    return filterFail('clamp', 'clamp requires a number and min/max values');
  }
  if (lo > hi) return filterFail('clamp', 'clamp min value must be less than or equal to max value');
  return plainZero(Math.min(Math.max(value, lo), hi));
};
