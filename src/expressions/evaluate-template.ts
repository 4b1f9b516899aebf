import type { Json } from '../domain/json.js';
import type { Template } from './ast.js';
import { compileTemplate, type TemplateProgram } from './compile-template.js';
import type { ExpressionContext } from './context.js';
import { failureReason, OUTPUT_TOO_LARGE } from './expression-failure.js';
import { jsonSizeWithin } from './json-size.js';
import { resolveRenderLimits, type RenderLimits } from './limits.js';
import { RenderRun } from './render-run.js';

/**
 * Compiled programs of parsed templates. A pure memo: a template AST always compiles to the same
 * closures, so caching never changes a result, and entries die with their AST.
 */
const programs = new WeakMap<Template, TemplateProgram>();

/** The compiled program of a parsed template (compiled once per AST object). */
export function programOf(template: Template): TemplateProgram {
  let program = programs.get(template);
  if (program === undefined) {
    program = compileTemplate(template);
    programs.set(template, program);
  }
  return program;
}

/** The outcome of evaluating one template. */
export type EvaluateTemplateResult = { readonly ok: true; readonly value: Json } | { readonly ok: false; readonly reason: string };

/**
 * Evaluates a parsed template against a context (tests, tools). The render limits apply as for
 * one params object holding just this template.
 */
export function evaluateTemplate(template: Template, context: ExpressionContext, options?: { limits?: Partial<RenderLimits> }): EvaluateTemplateResult {
  const run = new RenderRun(context, resolveRenderLimits(options?.limits));
  try {
    const value = programOf(template).evaluate(run);
    if (typeof value === 'object' && value !== null && jsonSizeWithin(value, run.maxRenderedBytes) > run.maxRenderedBytes) {
      return { ok: false, reason: OUTPUT_TOO_LARGE };
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: failureReason(error) };
  }
}
