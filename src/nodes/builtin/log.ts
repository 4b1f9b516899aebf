import type { Json } from '../../domain/json.js';
import { complete } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { passThrough } from './pass-through.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** `core.log`: writes one structured record to the service log; pass-through. */
export const logNode = defineNode({
  type: 'core.log',
  description: 'Writes one structured record to the service log; passes its input through.',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: {
    fields: {
      message: { type: 'string', default: 'Log Action' },
      level: { type: 'enum', values: ['debug', 'info', 'warn', 'error'], default: 'info' },
      data: { type: 'any' },
    },
  },
  execute: (params, ctx) => {
    const output = passThrough(ctx.input);
    const data: Json = params.data ?? output;
    ctx.services.log({
      level: params.level as Level,
      message: params.message as string,
      fields: {
        data,
        execution_id: ctx.executionId,
        workflow_id: ctx.workflowId,
        node_key: ctx.nodeKey,
        run_index: ctx.runIndex,
      },
    });
    return complete(output);
  },
});
