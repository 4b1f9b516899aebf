import type { Json } from '../domain/json.js';

/** Liquid truthiness: `null`, `false`, `0`, `""`, `[]` and `{}` are falsy. */
export function isLiquidTruthy(value: Json | undefined): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0;
    case 'string':
      return value !== '';
    case 'object':
      if (value === null) return false;
      if (Array.isArray(value)) return value.length > 0;
      for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
      return false;
    default:
      return false;
  }
}

/** Value truthiness: only `null` and `false` are falsy. */
export function isValueTruthy(value: Json | undefined): boolean {
  return value !== null && value !== false && value !== undefined;
}
