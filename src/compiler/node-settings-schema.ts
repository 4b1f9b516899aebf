import type { Json, JsonObject } from '../domain/json.js';
import { DEFAULT_NODE_SETTINGS, ON_ERROR_VALUES } from '../domain/workflow.js';
import { JSON_SCHEMA_DIALECT } from '../nodes/kit/params-json-schema.js';
import { NUMERIC_RULES } from './checks/node-settings-checks.js';

/**
 * The settings every node accepts (error handling and retries) as JSON Schema, from the bounds and
 * defaults the compiler applies. Field names are those of the contract's NodeSettings.
 */
export function nodeSettingsJsonSchema(): JsonObject {
  const properties: Record<string, Json> = {
    on_error: { type: 'string', enum: [...ON_ERROR_VALUES], default: DEFAULT_NODE_SETTINGS.onError },
    retry_on_failed: { type: 'boolean', default: DEFAULT_NODE_SETTINGS.retryOnFailed },
  };
  for (const rule of NUMERIC_RULES) {
    properties[rule.path.replace(/^settings\./, '')] = {
      type: rule.integer ? 'integer' : 'number',
      minimum: rule.min,
      maximum: rule.max,
      default: DEFAULT_NODE_SETTINGS[rule.field],
    };
  }
  return { $schema: JSON_SCHEMA_DIALECT, type: 'object', properties, additionalProperties: false };
}
