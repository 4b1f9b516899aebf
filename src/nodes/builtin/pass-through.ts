import type { Json, JsonObject } from '../../domain/json.js';

/** The node's `$input.main` when present and not null, otherwise `{}`. */
export function passThrough(input: JsonObject): Json {
  const main = Object.prototype.hasOwnProperty.call(input, 'main') ? input.main : undefined;
  return main === undefined || main === null ? EMPTY : main;
}

const EMPTY: JsonObject = Object.freeze({});
