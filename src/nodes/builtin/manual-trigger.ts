import { complete } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';

/** `manual.trigger`: emits the start input, or `{}` when it is null. */
export const manualTriggerNode = defineNode({
  type: 'manual.trigger',
  inline: true,
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {} },
  execute: (_params, ctx) => complete(passThrough(ctx.input)),
});
