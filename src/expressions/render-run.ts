import type { Json } from '../domain/json.js';
import type { ExpressionContext } from './context.js';
import { fail } from './expression-failure.js';
import type { RenderLimits } from './limits.js';

const NO_LOCALS: Json[] = [];

/**
 * The mutable state of one render call: the context roots, the directive variables `$loop` and
 * `$self`, the locals and output buffer of the template being evaluated, and the shared loop
 * budget. Templates never nest inside each other, so one set of template registers suffices.
 */
export class RenderRun {
  readonly input: Json;
  readonly nodes: Json;
  readonly env: Json;
  readonly vars: Json;
  readonly workflow: Json;
  readonly execution: Json;
  readonly now: Json;
  /** `$loop` while a directive iterates, else null. */
  loop: Json = null;
  /** `$self` while a `#pipe` stage runs, else null. */
  self: Json = null;
  /** Slots of the template-local names of the template being evaluated. */
  locals: Json[] = NO_LOCALS;
  /** The innermost running `forloop` object of the current template, for `parentloop`. */
  forloop: Json = null;
  /** The text rendered so far by the current template (tag templates only). */
  out = '';
  /** Loop iterations run so far in this render call (tags and directives). */
  iterations = 0;
  readonly maxCollectionItems: number;
  readonly maxTotalIterations: number;
  readonly maxStringBytes: number;
  readonly maxRenderedBytes: number;

  /** Starts a render call over a context snapshot. */
  constructor(context: ExpressionContext, limits: RenderLimits) {
    this.input = context.input ?? null;
    this.nodes = context.nodes ?? null;
    this.env = context.env ?? null;
    this.vars = context.vars ?? null;
    this.workflow = context.workflow ?? null;
    this.execution = context.execution ?? null;
    this.now = context.now ?? null;
    this.maxCollectionItems = limits.maxCollectionItems;
    this.maxTotalIterations = limits.maxTotalIterations;
    this.maxStringBytes = limits.maxStringBytes;
    this.maxRenderedBytes = limits.maxRenderedBytes;
  }

  /** Resets the template registers before a template is evaluated. */
  beginTemplate(localCount: number): void {
    this.locals = localCount === 0 ? NO_LOCALS : new Array<Json>(localCount).fill(null);
    this.forloop = null;
    this.out = '';
  }

  /** Fails when a loop or directive collection has more items than allowed. */
  checkCollection(length: number): void {
    if (length > this.maxCollectionItems) {
      fail(`Loop iteration count ${length} exceeds maximum ${this.maxCollectionItems}`);
    }
  }

  /** Counts one loop iteration against the render call's budget. */
  tick(): void {
    if (++this.iterations > this.maxTotalIterations) {
      fail(`Total loop iterations exceed maximum ${this.maxTotalIterations}`);
    }
  }
}
