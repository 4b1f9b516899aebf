import { isJsonObject, type Json, type JsonObject } from '../../domain/json.js';
import { complete, fail } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import type { FieldErrors } from '../kit/schema.js';

const STRATEGIES = ['append', 'merge', 'concat'] as const;

/** `data.merge`: waits for both input ports and combines them. */
export const mergeNode = defineNode({
  type: 'data.merge',
  description: 'Waits for both of its inputs and combines them (append, by position, by key, or choose one).',
  inline: true,
  trigger: false,
  inputPorts: ['input_a', 'input_b'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      strategy: { type: 'string', default: 'append' },
      input_a: { type: 'any' },
      input_b: { type: 'any' },
    },
  },
  compileChecks: (params, templated) => {
    const fieldErrors: FieldErrors = {};
    const s = params.strategy;
    if (!templated.has('strategy') && typeof s === 'string' && !(STRATEGIES as readonly string[]).includes(s)) {
      fieldErrors['params.strategy'] = [`must be one of: ${STRATEGIES.join(', ')}`];
    }
    return { fieldErrors, findings: [] };
  },
  execute: (params, ctx) => {
    const a = side(params, ctx.input, 'input_a');
    const b = side(params, ctx.input, 'input_b');
    const values = [a, b].filter((v): v is Json => v !== null);
    switch (params.strategy) {
      case 'append':
        return complete(values);
      case 'merge': {
        const out: Record<string, Json> = {};
        for (const v of values) if (isJsonObject(v)) Object.assign(out, v);
        return complete(out);
      }
      case 'concat': {
        const out: Json[] = [];
        for (const v of values) if (Array.isArray(v)) flattenInto(v as readonly Json[], out);
        return complete(out);
      }
      default:
        return fail('merge_error', `Unknown merge strategy: ${String(params.strategy)}. Supported: append, merge, concat`);
    }
  },
});

/** The param when given, else the routed port value; null when neither has data. */
function side(params: JsonObject, input: JsonObject, key: 'input_a' | 'input_b'): Json {
  const own = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
  if (own !== undefined) return own;
  return Object.prototype.hasOwnProperty.call(input, key) ? (input[key] ?? null) : null;
}

function flattenInto(values: readonly Json[], out: Json[]): void {
  for (const v of values) {
    if (Array.isArray(v)) flattenInto(v as readonly Json[], out);
    else out.push(v);
  }
}
