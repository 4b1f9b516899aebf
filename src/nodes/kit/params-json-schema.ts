import type { Json, JsonObject } from '../../domain/json.js';
import type { FieldSpec, ParamSchema } from './schema.js';

/** The JSON Schema dialect of the catalog's schemas. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * A node type's params as JSON Schema (draft 2020-12), generated from the schema the compiler and the
 * runner validate with: types, bounds, patterns, enums, defaults and required fields. The schema
 * describes a param's value after its templates are rendered; before that, any string may hold
 * `{{ }}` templates. Rules written as code (cross-field checks, custom checks) are not expressible and
 * are left out; the compiler still applies them.
 */
export function paramsJsonSchema(schema: ParamSchema): JsonObject {
  return { $schema: JSON_SCHEMA_DIALECT, ...objectSchema(schema.fields, schema.open === true) };
}

function objectSchema(fields: Readonly<Record<string, FieldSpec>>, open: boolean): JsonObject {
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    properties[name] = fieldSchema(spec);
    if (spec.required === true) required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: open };
}

function fieldSchema(spec: FieldSpec): JsonObject {
  const base: JsonObject = spec.default === undefined ? {} : { default: spec.default };
  switch (spec.type) {
    case 'boolean':
      return { type: 'boolean', ...base };
    case 'integer':
    case 'number':
      return {
        type: spec.type,
        ...(spec.min === undefined ? {} : { minimum: spec.min }),
        ...(spec.max === undefined ? {} : { maximum: spec.max }),
        ...base,
      };
    case 'string':
      return {
        type: 'string',
        ...(spec.minLength === undefined ? {} : { minLength: spec.minLength }),
        ...(spec.maxLength === undefined ? {} : { maxLength: spec.maxLength }),
        ...(spec.pattern === undefined ? {} : { pattern: spec.pattern.regex.source, description: spec.pattern.rule }),
        ...base,
      };
    case 'enum':
      return spec.caseInsensitive === true
        ? { type: 'string', pattern: caseInsensitivePattern(spec.values), description: `one of ${spec.values.join(', ')}, in any case`, ...base }
        : { type: 'string', enum: [...spec.values], ...base };
    case 'object':
      return spec.fields === undefined ? { type: 'object', ...base } : { ...objectSchema(spec.fields, spec.open === true), ...base };
    case 'array':
      return { type: 'array', ...(spec.items === undefined ? {} : { items: fieldSchema(spec.items) }), ...base };
    case 'any':
      return { ...base };
  }
}

/** A pattern matching any of `values` in any letter case (JSON Schema patterns take no flags). */
function caseInsensitivePattern(values: readonly string[]): string {
  const letters = (value: string): string =>
    [...value]
      .map((char) => {
        const lower = char.toLowerCase();
        const upper = char.toUpperCase();
        return lower === upper ? char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `[${upper}${lower}]`;
      })
      .join('');
  return `^(?:${values.map(letters).join('|')})$`;
}
