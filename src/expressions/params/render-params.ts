import type { Json, JsonObject } from '../../domain/json.js';
import type { ExpressionContext } from '../context.js';
import { atParamPath, type ExpressionFailure, failureReason, OUTPUT_TOO_LARGE } from '../expression-failure.js';
import { jsonSizeUpperBound, jsonSizeWithin } from '../json-size.js';
import { resolveRenderLimits, type RenderLimits } from '../limits.js';
import { setOwn, type MutableJsonObject } from '../own-object.js';
import { RenderRun } from '../render-run.js';
import { CompiledParamsPlan, type ParamsPlan, type PlanEntry } from './params-plan.js';

/** Options of `renderParams`. */
export interface RenderOptions {
  /** top-level keys neither rendered nor included in the result (first-run-only params on loopback runs) */
  skip?: ReadonlySet<string>;
  limits?: Partial<RenderLimits>;
}

/** The rendered params, or the first evaluation error with its param path. */
export type RenderResult = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly paramPath: string; readonly reason: string };

function skipsAny(constant: JsonObject, skip: ReadonlySet<string> | undefined): boolean {
  if (skip === undefined || skip.size === 0) return false;
  for (const key of skip) if (Object.prototype.hasOwnProperty.call(constant, key)) return true;
  return false;
}

/** The exact JSON size of the templated entries rendered so far (up to index `last`). */
function exactRenderedSize(entries: readonly PlanEntry[], last: number, out: JsonObject, skip: ReadonlySet<string> | undefined, maxBytes: number): number {
  let used = 0;
  for (let i = 0; i <= last && used <= maxBytes; i++) {
    const entry = entries[i]!;
    if (entry.constant || skip?.has(entry.key) === true) continue;
    used += jsonSizeWithin(entry.key, maxBytes) + 1 + jsonSizeWithin(out[entry.key], maxBytes - used);
  }
  return used;
}

/**
 * Renders a plan against a context: top-level params in definition
 * order, stopping at the first error. A constant plan returns `plan.constant` itself. Templated
 * parts are fresh objects; constant sub-trees and values read from the context are shared.
 */
export function renderParams(plan: ParamsPlan, context: ExpressionContext, options?: RenderOptions): RenderResult {
  if (!(plan instanceof CompiledParamsPlan)) throw new TypeError('renderParams needs a plan made by compileParams');
  const skip = options?.skip;
  if (plan.isConstant && plan.constant !== null && !skipsAny(plan.constant, skip)) return { ok: true, value: plan.constant };
  const run = new RenderRun(context, resolveRenderLimits(options?.limits));
  const out: MutableJsonObject = {};
  const maxBytes = run.maxRenderedBytes;
  // Rendered size: templated top-level values are measured by a cheap upper bound; only
  // when the bounds add up past the limit is the exact JSON size computed, from then on.
  let usedBytes = 0;
  let exact = false;
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
    if (!exact) {
      usedBytes += entry.key.length * 6 + 4 + jsonSizeUpperBound(value, maxBytes - usedBytes);
      if (usedBytes <= maxBytes) continue;
      exact = true;
      usedBytes = exactRenderedSize(entries, i, out, skip, maxBytes);
    } else {
      usedBytes += jsonSizeWithin(entry.key, maxBytes) + 1 + jsonSizeWithin(value, maxBytes - usedBytes);
    }
    if (usedBytes > maxBytes) return { ok: false, paramPath: entry.path, reason: OUTPUT_TOO_LARGE };
  }
  return { ok: true, value: out };
}
