import { isJsonObject, type Json, type JsonObject } from '../../domain/json.js';
import { appendPath } from '../../domain/param-path.js';

/** Field-level validation messages, keyed by rooted param path. */
export type FieldErrors = Record<string, string[]>;

/** Options shared by every field kind. */
interface FieldBase {
  readonly required?: boolean;
  readonly default?: Json;
  /** An extra rule run after casting; returns a message or null. */
  readonly check?: (value: Json) => string | null;
}

/** One declared param and how it is cast and checked. */
export type FieldSpec =
  | (FieldBase & { readonly type: 'boolean' })
  | (FieldBase & { readonly type: 'integer'; readonly min?: number; readonly max?: number })
  | (FieldBase & { readonly type: 'number'; readonly min?: number; readonly max?: number })
  | (FieldBase & {
      readonly type: 'string';
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: { readonly regex: RegExp; readonly rule: string };
    })
  | (FieldBase & { readonly type: 'enum'; readonly values: readonly string[]; readonly caseInsensitive?: boolean })
  | (FieldBase & { readonly type: 'object'; readonly fields?: Readonly<Record<string, FieldSpec>>; readonly open?: boolean })
  | (FieldBase & { readonly type: 'array'; readonly items?: FieldSpec })
  | (FieldBase & { readonly type: 'any' });

/** A node type's param schema. */
export interface ParamSchema {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Open schemas keep undeclared top-level params and never warn about them. */
  readonly open?: boolean;
  /** Cross-field rules run after every field is cast; they add messages to `errors`. */
  readonly refine?: (params: JsonObject, errors: FieldErrors) => void;
}

/** The result of validating params against a schema. */
export type ValidationResult = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly errors: FieldErrors };

/** Adds a message for a path. */
export function addFieldError(errors: FieldErrors, path: string, message: string): void {
  const list = errors[path];
  if (list === undefined) errors[path] = [message];
  else list.push(message);
}

const INTEGER_TEXT = /^-?[0-9]+$/;
const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** Sentinel for a value that cannot be cast. */
const INVALID = Symbol('invalid');

function castBase(spec: FieldSpec, value: Json): Json | typeof INVALID {
  switch (spec.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      return INVALID;
    case 'integer':
      if (typeof value === 'number') return Number.isInteger(value) ? value : INVALID;
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
      return INVALID;
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
      if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
      return INVALID;
    case 'string':
    case 'enum':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      return INVALID;
    case 'object':
      return isJsonObject(value) ? value : INVALID;
    case 'array':
      return Array.isArray(value) ? value : INVALID;
    case 'any':
      return value;
  }
}

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Casts and checks one value against a field spec. Returns the cast value, or undefined after
 * recording messages under `path`. `value` is never undefined or null here.
 */
export function castField(spec: FieldSpec, value: Json, path: string, errors: FieldErrors): Json | undefined {
  const cast = castBase(spec, value);
  if (cast === INVALID) {
    addFieldError(errors, path, 'is invalid');
    return undefined;
  }
  let result: Json = cast;
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const n = cast as number;
      if (spec.min !== undefined && n < spec.min) return reject(errors, path, `must be at least ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) return reject(errors, path, `must be at most ${spec.max}`);
      break;
    }
    case 'string': {
      const s = cast as string;
      if (spec.minLength !== undefined && codePointLength(s) < spec.minLength) {
        return reject(errors, path, `must be at least ${spec.minLength} characters`);
      }
      if (spec.maxLength !== undefined && codePointLength(s) > spec.maxLength) {
        return reject(errors, path, `must be at most ${spec.maxLength} characters`);
      }
      if (spec.pattern !== undefined && !spec.pattern.regex.test(s)) return reject(errors, path, `must match ${spec.pattern.rule}`);
      break;
    }
    case 'enum': {
      let s = cast as string;
      if (spec.caseInsensitive === true) {
        const found = spec.values.find((v) => v.toLowerCase() === s.toLowerCase());
        if (found !== undefined) s = found;
      }
      if (!spec.values.includes(s)) return reject(errors, path, `must be one of: ${spec.values.join(', ')}`);
      result = s;
      break;
    }
    case 'object':
      if (spec.fields !== undefined) {
        const inner = validateFields(spec.fields, cast as JsonObject, path, errors, spec.open === true);
        if (inner === undefined) return undefined;
        result = inner;
      }
      break;
    case 'array':
      if (spec.items !== undefined) {
        const items = cast as readonly Json[];
        const out: Json[] = [];
        let ok = true;
        for (let i = 0; i < items.length; i++) {
          const item = items[i] ?? null;
          const itemPath = appendPath(path, i);
          if (item === null) {
            if (spec.items.required === true) {
              addFieldError(errors, itemPath, 'is required');
              ok = false;
            } else out.push(null);
            continue;
          }
          const castItem = castField(spec.items, item, itemPath, errors);
          if (castItem === undefined) ok = false;
          else out.push(castItem);
        }
        if (!ok) return undefined;
        result = out;
      }
      break;
    case 'boolean':
    case 'any':
      break;
  }
  if (spec.check !== undefined) {
    const message = spec.check(result);
    if (message !== null) return reject(errors, path, message);
  }
  return result;
}

function reject(errors: FieldErrors, path: string, message: string): undefined {
  addFieldError(errors, path, message);
  return undefined;
}

const pathCache = new WeakMap<object, Readonly<Record<string, string>>>();

/** The rooted paths `params.<field>` of a schema's fields, formatted once per schema. */
function topLevelPaths(fields: Readonly<Record<string, FieldSpec>>): Readonly<Record<string, string>> {
  let paths = pathCache.get(fields);
  if (paths === undefined) {
    const built: Record<string, string> = {};
    for (const key in fields) built[key] = appendPath('params', key);
    paths = built;
    pathCache.set(fields, paths);
  }
  return paths;
}

/** Validates an object's declared fields; undeclared keys are dropped unless `open`. */
function validateFields(
  fields: Readonly<Record<string, FieldSpec>>,
  params: JsonObject,
  root: string,
  errors: FieldErrors,
  open: boolean,
  skip?: ReadonlySet<string>,
): JsonObject | undefined {
  const out: Record<string, Json> = open ? { ...params } : {};
  let ok = true;
  const paths = root === 'params' ? topLevelPaths(fields) : undefined;
  for (const key in fields) {
    if (skip !== undefined && skip.has(key)) continue;
    const spec = fields[key] as FieldSpec;
    const path = paths === undefined ? appendPath(root, key) : (paths[key] as string);
    const raw = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
    if (raw === undefined || raw === null) {
      if (spec.default !== undefined) out[key] = spec.default;
      else if (spec.required === true) {
        addFieldError(errors, path, 'is required');
        ok = false;
      } else if (open) delete out[key];
      continue;
    }
    const value = castField(spec, raw, path, errors);
    if (value === undefined) ok = false;
    else out[key] = value;
  }
  return ok ? out : undefined;
}

/**
 * Casts and checks params against a schema: defaults applied, undeclared keys
 * removed unless the schema is open, every failure collected with its rooted path. Keys in `skip`
 * (first-run-only params on loopback runs) are neither checked nor kept.
 */
export function validateParams(schema: ParamSchema, params: JsonObject, root = 'params', skip?: ReadonlySet<string>): ValidationResult {
  const errors: FieldErrors = {};
  const value = validateFields(schema.fields, params, root, errors, schema.open === true, skip);
  if (value !== undefined && schema.refine !== undefined) schema.refine(value, errors);
  for (const _ in errors) return { ok: false, errors };
  return { ok: true, value: value ?? {} };
}
