import type { JsonObject } from '../domain/json.js';
import { isJsonObject } from '../domain/json.js';
import { ConfigError } from './config-error.js';

/** Parses `$env`, the JSON object every execution reads as `{{ $env.… }}`; unset means `{}`. */
export function parseEnvJson(variable: string, value: string | undefined): JsonObject {
  if (value === undefined) return Object.freeze({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ConfigError(variable, `invalid JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw new ConfigError(variable, 'must be a JSON object, e.g. {"API_BASE": "https://api.example.com"}');
  return parsed as JsonObject;
}
