import { isJsonObject, type Json, type JsonObject } from '../../domain/json.js';
import { complete, fail } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';
import { PORT_NAME } from '../kit/port-name.js';
import { isTemplate } from '../../expressions/index.js';

/** `logic.switch`: the first true case wins; pass-through on its port. */
export const switchNode = defineNode({
  type: 'logic.switch',
  description: 'Passes its input through on the port of the first case whose condition holds, else on the fallback port.',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: [],
  dynamicPorts: true,
  defaultPort: null,
  schema: {
    fields: {
      cases: {
        type: 'array',
        required: true,
        items: {
          type: 'object',
          required: true,
          fields: {
            condition: { type: 'boolean', required: true },
            port: {
              type: 'string',
              required: true,
              pattern: { regex: PORT_NAME, rule: '[A-Za-z0-9_-]{1,64}' },
              check: (port) => (port === 'error' ? 'must not be "error"' : null),
            },
          },
        },
      },
    },
  },
  literalOutputPorts: (params) => literalCasePorts(params.cases),
  execute: (params, ctx) => {
    const cases = params.cases as readonly JsonObject[];
    for (const c of cases) {
      if (c.condition === true) return complete(passThrough(ctx.input), c.port as string);
    }
    return fail('no_matching_case', 'No matching case found', { case_count: cases.length });
  },
});

/** The case ports when `cases` is a literal array whose every port is a literal string, else null. */
function literalCasePorts(cases: Json | undefined): readonly string[] | null {
  if (!Array.isArray(cases)) return null;
  const ports: string[] = [];
  for (const c of cases as readonly Json[]) {
    if (!isJsonObject(c) || Object.keys(c).some((k) => k.startsWith('#'))) return null;
    const port = c.port;
    if (typeof port !== 'string' || isTemplate(port)) return null;
    ports.push(port);
  }
  return ports;
}
