import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';

/** `workflow.set_state`: shallow-merges all params into `$execution.state`; pass-through. */
export const setStateNode = defineNode({
  type: 'workflow.set_state',
  description: 'Shallow-merges its params into the execution state (`$execution.state`); passes its input through.',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {}, open: true },
  execute: (params, ctx) => ({ kind: 'complete', output: passThrough(ctx.input), state: params }),
});
