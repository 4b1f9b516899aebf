import { complete } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';

/** `logic.if_condition`: pass-through on `true` or `false`. */
export const ifConditionNode = defineNode({
  type: 'logic.if_condition',
  description: 'Passes its input through on `true` or `false`, by a condition.',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['true', 'false'],
  defaultPort: null,
  schema: { fields: { condition: { type: 'boolean', required: true } } },
  execute: (params, ctx) => complete(passThrough(ctx.input), params.condition === true ? 'true' : 'false'),
});
