import type { Json, JsonObject } from '../../domain/json.js';
import type { ExpressionContext } from '../context.js';
import { atParamPath, type ExpressionFailure, failureReason, OUTPUT_TOO_LARGE } from '../expression-failure.js';
import { jsonSizeUpperBound, jsonSizeWithin } from '../json-size.js';
import { resolveRenderLimits, type RenderLimits } from '../limits.js';
import { setOwn, type MutableJsonObject } from '../own-object.js';
import { RenderRun } from '../render-run.js';
import { CompiledParamsPlan, type ParamsPlan } from './params-plan.js';

/** Options of `renderParams`. */
export interface RenderOptions {
  /** top-level keys neither rendered nor included in the result (first-run-only params on loopback runs) */
  skip?: ReadonlySet<string>;
  limits?: Partial<RenderLimits>;
}

/** The rendered params, or the first evaluation error with its param path. */
export type RenderResult =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly paramPath: string; readonly reason: string };

function skipsAny(constant: JsonObject, skip: ReadonlySet<string> | undefined): boolean {
  if (skip === undefined || skip.size === 0) return false;
  for (const key of skip) if (Object.prototype.hasOwnProperty.call(constant, key)) return true;
  return false;
}

/**
 * Tracks the JSON size of the templated top-level params of one render call against
 * `maxRenderedBytes` (constant params are part of the definition and are not counted). Each value
 * is first measured by a cheap upper bound; exact sizes are computed only once the bounds add up
 * to more than the limit.
 */
class RenderedSize {
  private used = 0;
  private exact = false;
  private readonly seen: [string, Json][] = [];

  constructor(private readonly max: number) {}

  /** Adds one rendered entry; false when the total is over the limit. */
  add(key: string, value: Json): boolean {
    if (!this.exact) {
      this.seen.push([key, value]);
      this.used += key.length * 6 + 4 + jsonSizeUpperBound(value, this.max - this.used);
      if (this.used <= this.max) return true;
      // The bound is too coarse now: measure exactly what has been rendered so far.
      this.exact = true;
      this.used = 0;
      for (const [seenKey, seenValue] of this.seen) {
        this.used += this.entrySize(seenKey, seenValue);
        if (this.used > this.max) return false;
      }
      return true;
    }
    this.used += this.entrySize(key, value);
    return this.used <= this.max;
  }

  private entrySize(key: string, value: Json): number {
    return jsonSizeWithin(key, this.max) + 2 + jsonSizeWithin(value, this.max - this.used);
  }
}

/**
 * Renders a plan against a context (EXPRESSIONS.md §1, §12.2): top-level params in definition
 * order, stopping at the first error. A constant plan returns `plan.constant` itself. Templated
 * parts are fresh objects; constant sub-trees and values read from the context are shared.
 */
export function renderParams(plan: ParamsPlan, context: ExpressionContext, options?: RenderOptions): RenderResult {
  if (!(plan instanceof CompiledParamsPlan)) throw new TypeError('renderParams needs a plan made by compileParams');
  const skip = options?.skip;
  if (plan.isConstant && plan.constant !== null && !skipsAny(plan.constant, skip)) return { ok: true, value: plan.constant };
  const run = new RenderRun(context, resolveRenderLimits(options?.limits));
  const out: MutableJsonObject = {};
  const size = new RenderedSize(run.maxRenderedBytes);
  const entries = plan.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (skip !== undefined && skip.has(entry.key)) continue;
    if (entry.constant) {
      setOwn(out, entry.key, entry.value);
      continue;
    }
    let value: Json;
    try {
      value = entry.render(run);
    } catch (error) {
      const failure = atParamPath(error, entry.path);
      const reason = failureReason(failure);
      return { ok: false, paramPath: (failure as ExpressionFailure).paramPath ?? entry.path, reason };
    }
    setOwn(out, entry.key, value);
    if (!size.add(entry.key, value)) return { ok: false, paramPath: entry.path, reason: OUTPUT_TOO_LARGE };
  }
  return { ok: true, value: out };
}
