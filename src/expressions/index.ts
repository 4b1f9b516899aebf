/**
 * The `{{ }}` expression language: parse once into an AST, compile to closures,
 * evaluate safely against a JSON context. Pure: no IO, no clock, no randomness.
 */
export type { Json, JsonObject } from '../domain/json.js';
export type * from './ast.js';
export type { ExpressionContext, RootName } from './context.js';
export type { ExpressionDiagnostic, ExpressionDiagnosticCode } from './diagnostics.js';
export { DEFAULT_COMPILE_LIMITS, DEFAULT_RENDER_LIMITS, type CompileLimits, type RenderLimits } from './limits.js';
export { compileParams, type CompileParamsOptions } from './params/compile-params.js';
export type { ParamsPlan } from './params/params-plan.js';
export { renderParams, type RenderOptions, type RenderResult } from './params/render-params.js';
export { isTemplate, parseTemplate, type ParseTemplateResult } from './parse-template.js';
export { evaluateTemplate, type EvaluateTemplateResult } from './evaluate-template.js';
export { textForm } from './text-form.js';
export { deepEqual } from './deep-equal.js';
export type { SourcePosition } from './source-position.js';
