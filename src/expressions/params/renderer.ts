import type { Json } from '../../domain/json.js';
import type { ExpressionDiagnostic } from '../diagnostics.js';
import type { RootName } from '../context.js';
import { atParamPath } from '../expression-failure.js';
import type { CompileLimits } from '../limits.js';
import type { RenderRun } from '../render-run.js';

/** Renders one part of a params tree. */
export type Renderer = (run: RenderRun) => Json;

/** A compiled param value: a constant (shared, frozen) or a renderer. */
export type CompiledValue = { readonly constant: true; readonly value: Json } | { readonly constant: false; readonly render: Renderer };

/** Shared state while compiling one params object. */
export interface PlanCompileContext {
  /** Diagnostics in param-path order of the definition. */
  readonly diagnostics: ExpressionDiagnostic[];
  /** Context roots read anywhere in the params. */
  readonly roots: Set<RootName>;
  readonly limits: CompileLimits;
}

/** Compiles any param value found at `path` (strings may be templates, objects directives). */
export type ValueCompiler = (value: Json, path: string, context: PlanCompileContext) => CompiledValue;

/** A renderer for a compiled value (a constant becomes a closure returning it). */
export function rendererOf(compiled: CompiledValue): Renderer {
  if (!compiled.constant) return compiled.render;
  const value = compiled.value;
  return () => value;
}

/** Wraps a renderer so that its failures carry `path` unless an inner part already set one. */
export function withParamPath(path: string, render: Renderer): Renderer {
  return (run) => {
    try {
      return render(run);
    } catch (error) {
      throw atParamPath(error, path);
    }
  };
}
