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
      return emit(params, items, 0, size, items.length, 0);
    }
    const context = ctx.nodeContext;
    const cursor = cursorOf(context);
    if (cursor === null) return fail('invalid_loopback', 'Loopback context is invalid or missing');
    if (cursor.offset >= cursor.items.length) return { kind: 'complete', output: EMPTY, port: 'done' };
    const count = typeof context.item_count === 'number' ? context.item_count : cursor.items.length - cursor.offset;
    const index = typeof context.current_loop_index === 'number' ? context.current_loop_index + 1 : 0;
    return emit(params, cursor.items, cursor.offset, size, count, index);
  },
});

/**
 * Where a loop stands: the collection and the offset of the first remaining item. The context the
 * node records shows `remaining_items` (the items from the offset on) as its semantics say, but builds
 * that array only when someone reads it: taking one item per pass stays constant-time, however long
 * the collection, instead of copying what is left on every pass.
 */
interface Cursor {
  readonly items: readonly Json[];
  readonly offset: number;
}

const CURSOR = Symbol('for_each cursor');

/** The cursor of a loopback context: its own when this node made it, else from a stored `remaining_items`. */
function cursorOf(context: JsonObject): Cursor | null {
  const own = (context as { [CURSOR]?: Cursor })[CURSOR];
  if (own !== undefined) return own;
  const remaining = context.remaining_items;
  return Array.isArray(remaining) ? { items: remaining as readonly Json[], offset: 0 } : null;
}

/** Emits the next item or batch on `loop` and records what is left in the node context. */
function emit(params: JsonObject, items: readonly Json[], offset: number, size: number, itemCount: number, loopIndex: number): Outcome {
  const output: Json = params.mode === 'batch' ? items.slice(offset, offset + size) : (items[offset] ?? null);
  const rest = Math.min(items.length, offset + size);
  return { kind: 'complete', output, port: 'loop', nodeContext: loopContext({ items, offset: rest }, itemCount, loopIndex) };
}

/** The node context after a pass, with `remaining_items` built on first read. */
function loopContext(cursor: Cursor, itemCount: number, loopIndex: number): JsonObject {
  let remaining: Json[] | undefined;
  const context = {
    item_count: itemCount,
    get remaining_items(): Json[] {
      remaining ??= cursor.items.slice(cursor.offset);
      return remaining;
    },
    current_loop_index: loopIndex,
    has_more_item: cursor.offset < cursor.items.length,
  };
  Object.defineProperty(context, CURSOR, { value: cursor, enumerable: false });
  return context as unknown as JsonObject;
}
