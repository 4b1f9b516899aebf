import { ConfigError } from './config-error.js';

/** Reads a whole number from `min` to `max` for `variable`, or throws ConfigError naming it. */
export function parseBoundedInteger(variable: string, value: string, min: number, max: number, unit: string): number {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) {
    throw new ConfigError(variable, `invalid value ${JSON.stringify(value)}: expected ${unit} from ${min} to ${max}`);
  }
  return n;
}
