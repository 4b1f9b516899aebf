import { complete } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';

/** `manual.trigger`: emits the start input, or `{}` when it is null. */
export const manualTriggerNode = defineNode({
  type: 'manual.trigger',
  description: 'Starts an execution with the start input (or `{}` when the input is null) on `main`.',
  inline: true,
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {} },
  execute: (_params, ctx) => complete(passThrough(ctx.input)),
});
