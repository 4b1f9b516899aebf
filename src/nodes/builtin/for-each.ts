import { canonicalJson } from '../../domain/canonical-json.js';
import type { Json, JsonObject } from '../../domain/json.js';
import { fail, type Outcome } from '../../domain/outcome.js';
import { defineNode } from '../kit/define-node.js';
import { addFieldError } from '../kit/schema.js';

const EMPTY: JsonObject = Object.freeze({});

/**
 * `core.for_each`: emits a collection's items (or batches) on `loop`, one per pass through its
 * back-edge, then `{}` on `done`.
 */
export const forEachNode = defineNode({
  type: 'core.for_each',
  description: 'Loops over a list: emits one item (or batch) per run on `loop`, and everything collected on `done`.',
  inline: true,
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['loop', 'done'],
  defaultPort: null,
  firstRunOnlyParams: new Set(['collection']),
  schema: {
    fields: {
      collection: { type: 'any', required: true },
      mode: { type: 'enum', values: ['single', 'batch'], required: true },
      batch_size: { type: 'integer', min: 1 },
    },
    refine: (params, errors) => {
      if (params.mode === 'batch' && params.batch_size === undefined) {
        addFieldError(errors, 'params.batch_size', 'is required when mode is batch');
      }
    },
  },
  execute: (params, ctx) => {
    const size = params.mode === 'batch' ? (params.batch_size as number) : 1;
    if (!ctx.loopback) {
      const collection = params.collection ?? null;
      if (!Array.isArray(collection)) {
        return fail('invalid_collection_type', 'Collection must be an array', { collection: canonicalJson(collection).slice(0, 200) });
      }
      const items = collection as readonly Json[];
      if (items.length === 0) return { kind: 'complete', output: EMPTY, port: 'done' };
      return emit(params, items, size, items.length, 0);
    }
    const context = ctx.nodeContext;
    const remaining = context.remaining_items;
    if (!Array.isArray(remaining)) return fail('invalid_loopback', 'Loopback context is invalid or missing');
    if (remaining.length === 0) return { kind: 'complete', output: EMPTY, port: 'done' };
    const count = typeof context.item_count === 'number' ? context.item_count : remaining.length;
    const index = typeof context.current_loop_index === 'number' ? context.current_loop_index + 1 : 0;
    return emit(params, remaining as readonly Json[], size, count, index);
  },
});

/** Emits the next item or batch on `loop` and records what is left in the node context. */
function emit(params: JsonObject, items: readonly Json[], size: number, itemCount: number, loopIndex: number): Outcome {
  const output: Json = params.mode === 'batch' ? items.slice(0, size) : (items[0] ?? null);
  const rest = items.slice(size);
  return {
    kind: 'complete',
    output,
    port: 'loop',
    nodeContext: { item_count: itemCount, remaining_items: rest, current_loop_index: loopIndex, has_more_item: rest.length > 0 },
  };
}
