import { complete } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';

/**
 * `http.webhook_trigger`: emits the start input unchanged, null included.
 * Its open params describe the endpoint for the caller's gateway; the engine ignores them.
 */
export const webhookTriggerNode = defineNode({
  type: 'http.webhook_trigger',
  description: 'Starts an execution with the start input unchanged (the request a gateway received); its params describe the endpoint for that gateway.',
  inline: true,
  trigger: true,
  inputPorts: [],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {}, open: true },
  execute: (_params, ctx) => complete(Object.prototype.hasOwnProperty.call(ctx.input, 'main') ? (ctx.input.main ?? null) : null),
});
