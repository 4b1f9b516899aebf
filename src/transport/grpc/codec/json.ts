import type { Json, JsonObject } from '../../../domain/json.js';
import { invalidRequest } from '../../../app/app-error.js';

/** A google.protobuf.Value as ts-proto hands it over: already unwrapped to a plain JS value. */
export type WireValue = unknown;

/** A google.protobuf.Struct as ts-proto hands it over: a plain object of unwrapped values. */
export type WireStruct = { [key: string]: unknown };

/**
 * Converts a decoded google.protobuf.Value into Json. An absent field (`undefined`) is `null`, as the
 * contract says for every Value field; a Value with no kind set inside a list or struct is `null` too.
 * Numbers must be finite (JSON has no NaN or Infinity); `field` names the request field for the
 * INVALID_ARGUMENT field violation. Objects are rebuilt from their own keys only.
 */
export function decodeJson(value: WireValue, field: string): Json {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw invalidRequest([{ field, description: 'numbers must be finite (JSON has no NaN or Infinity)' }]);
      return value;
    case 'object':
      if (Array.isArray(value)) return value.map((item: unknown, index) => decodeJson(item, `${field}[${index}]`));
      return decodeObject(value as WireStruct, field);
    default:
      throw invalidRequest([{ field, description: `unsupported value of type ${typeof value}` }]);
  }
}

/** Converts a decoded google.protobuf.Struct into a JSON object; undefined when the field is absent. */
export function decodeStruct(value: WireStruct | undefined, field: string): JsonObject | undefined {
  return value === undefined ? undefined : decodeObject(value, field);
}

/** Rebuilds an object from its own enumerable keys, so nothing reaches it through a prototype. */
function decodeObject(value: WireStruct, field: string): JsonObject {
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) out[key] = decodeJson(value[key], `${field}[${JSON.stringify(key)}]`);
  return out;
}

/** Encodes a Json value as a google.protobuf.Value field (ts-proto wraps plain values itself). */
export function encodeJson(value: Json): WireValue {
  return value;
}

/** Encodes a JSON object as a google.protobuf.Struct field. */
export function encodeStruct(value: JsonObject): WireStruct {
  return value as WireStruct;
}
