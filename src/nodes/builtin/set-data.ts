import { complete, fail } from '../../domain/outcome.js';
import type { Json } from '../../domain/json.js';
import { defineNode } from '../kit/define-node.js';
import { addFieldError } from '../kit/schema.js';

/** `data.set_data`: outputs `mapping_map` (manual) or `json_template` parsed as JSON. */
export const setDataNode = defineNode({
  type: 'data.set_data',
  description: 'Outputs new data: a mapping of fields (templates allowed) or a JSON template parsed after rendering.',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      mode: { type: 'enum', values: ['manual', 'json'], default: 'manual' },
      mapping_map: { type: 'any' },
      json_template: { type: 'string' },
    },
    refine: (params, errors) => {
      if (params.mode === 'json' && params.json_template === undefined) addFieldError(errors, 'params.json_template', 'is required');
    },
  },
  execute: (params) => {
    if (params.mode !== 'json') return complete(params.mapping_map ?? null);
    let parsed: Json;
    try {
      parsed = JSON.parse(params.json_template as string) as Json;
    } catch (error) {
      return fail('json_error', `JSON parsing failed: ${(error as Error).message}`);
    }
    return complete(parsed);
  },
});
