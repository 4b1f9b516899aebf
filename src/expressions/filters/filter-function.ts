import type { Json } from '../../domain/json.js';
import { fail } from '../expression-failure.js';
import type { RenderRun } from '../render-run.js';

/**
 * A filter implementation: the value, then up to two arguments (`undefined` when not given; the
 * compiler has already checked the count), and the render run for its limits.
 */
export type FilterFunction = (value: Json, a: Json | undefined, b: Json | undefined, run: RenderRun) => Json;

/** Throws `Filter error in <name>: <message>`. */
export function filterFail(name: string, message: string): never {
  return fail(`Filter error in ${name}: ${message}`);
}
