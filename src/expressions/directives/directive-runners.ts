import { jsonTypeName, type Json, type JsonObject } from '../../domain/json.js';
import { deepEqual } from '../deep-equal.js';
import { atParamPath, fail } from '../expression-failure.js';
import { setOwn, type MutableJsonObject } from '../own-object.js';
import type { Renderer } from '../params/renderer.js';
import type { RenderRun } from '../render-run.js';
import { isLiquidTruthy } from '../truthiness.js';

/** Runs a directive given its first argument's value (a `#pipe` stage passes the current value). */
export type DirectiveRunner = (run: RenderRun, head: Json) => Json;

/**
 * Visits the items of a directive collection with `$loop = {item, index, parentloop}`, applying
 * the per-collection item limit and the render call's iteration budget.
 */
function iterate(run: RenderRun, name: string, collection: Json, visit: (item: Json) => void): void {
  if (collection === null) return;
  if (!Array.isArray(collection)) fail(`${name} expects an array, got ${jsonTypeName(collection)}`);
  const items = collection as readonly Json[];
  run.checkCollection(items.length);
  const parentloop = run.loop;
  for (let index = 0; index < items.length; index++) {
    run.tick();
    const item = items[index] ?? null;
    run.loop = { item, index, parentloop };
    visit(item);
  }
  run.loop = parentloop;
}

/** `#map`: the item template evaluated for each element. */
export function mapRunner(item: Renderer): DirectiveRunner {
  return (run, collection) => {
    const out: Json[] = [];
    iterate(run, '#map', collection, () => out.push(item(run)));
    return out;
  };
}

/** `#flat_map`: array results spliced in, `null` dropped, anything else appended. */
export function flatMapRunner(item: Renderer): DirectiveRunner {
  return (run, collection) => {
    const out: Json[] = [];
    iterate(run, '#flat_map', collection, () => {
      const result = item(run);
      if (Array.isArray(result)) for (const element of result as readonly Json[]) out.push(element);
      else if (result !== null) out.push(result);
    });
    return out;
  };
}

/** `#filter`: the elements whose condition is truthy (Liquid truthiness). */
export function filterRunner(condition: Renderer): DirectiveRunner {
  return (run, collection) => {
    const out: Json[] = [];
    iterate(run, '#filter', collection, (element) => {
      if (isLiquidTruthy(condition(run))) out.push(element);
    });
    return out;
  };
}

/** Adds an object's own keys to a merge result; `null` counts as `{}`. */
function mergeInto(out: MutableJsonObject, value: Json): void {
  if (value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) fail(`#merge expects objects, got ${jsonTypeName(value)}`);
  const object = value as JsonObject;
  for (const key of Object.keys(object)) setOwn(out, key, object[key] ?? null);
}

/** `#merge`: a shallow merge, left to right. */
export function mergeRunner(rest: readonly Renderer[]): DirectiveRunner {
  return (run, first) => {
    const out: MutableJsonObject = {};
    mergeInto(out, first);
    for (const next of rest) mergeInto(out, next(run));
    return out;
  };
}

/** `#if`: `then` when the condition is truthy, else `otherwise` or null. Lazy. */
export function ifRunner(then: Renderer, otherwise: Renderer | null): DirectiveRunner {
  return (run, condition) => (isLiquidTruthy(condition) ? then(run) : otherwise === null ? null : otherwise(run));
}

/** A `[pattern, result]` or `[condition, result]` clause. */
export interface Clause {
  readonly test: Renderer;
  readonly result: Renderer;
}

/** `#case`: the result of the first pattern that deep-equals the value, else the default. Lazy. */
export function caseRunner(clauses: readonly Clause[], fallback: Renderer | null): DirectiveRunner {
  return (run, value) => {
    for (const clause of clauses) if (deepEqual(clause.test(run), value)) return clause.result(run);
    return fallback === null ? null : fallback(run);
  };
}

/** `#cond`: the result of the first truthy condition, else null. Lazy. */
export function condRenderer(clauses: readonly Clause[]): Renderer {
  return (run) => {
    for (const clause of clauses) if (isLiquidTruthy(clause.test(run))) return clause.result(run);
    return null;
  };
}

/** `#pick`: a new object with the listed keys the object has as own keys; `null` gives `{}`. */
export function pickRunner(keys: readonly string[]): DirectiveRunner {
  return (_run, value) => {
    if (value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) return fail(`#pick expects an object, got ${jsonTypeName(value)}`);
    const object = value as JsonObject;
    const out: MutableJsonObject = {};
    for (const key of keys) {
      if (Object.prototype.hasOwnProperty.call(object, key)) setOwn(out, key, object[key] ?? null);
    }
    return out;
  };
}

/** A compiled `#pipe` stage and the param path of its stage object. */
export interface Stage {
  readonly path: string;
  readonly run: DirectiveRunner;
}

/** `#pipe`: each stage runs on the current value, already evaluated, with `$self` = current. */
export function pipeRunner(stages: readonly Stage[]): DirectiveRunner {
  return (run, initial) => {
    let current = initial;
    for (const stage of stages) {
      const saved = run.self;
      run.self = current;
      try {
        current = stage.run(run, current);
      } catch (error) {
        throw atParamPath(error, stage.path);
      }
      run.self = saved;
    }
    return current;
  };
}
