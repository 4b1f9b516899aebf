import { isJsonObject, type Json, type JsonObject } from '../../domain/json.js';
import { appendPath } from '../../domain/param-path.js';
import type { RootName } from '../context.js';
import type { ExpressionDiagnostic } from '../diagnostics.js';
import { compileDirective } from '../directives/compile-directive.js';
import { compileTemplate } from '../compile-template.js';
import { fail } from '../expression-failure.js';
import { resolveCompileLimits, type CompileLimits } from '../limits.js';
import { deepFreeze } from '../../domain/json.js';
import { setOwn, type MutableJsonObject } from '../own-object.js';
import { isTemplate, parseTemplate } from '../parse-template.js';
import { CompiledParamsPlan, type ParamsPlan, type PlanEntry } from './params-plan.js';
import { rendererOf, withParamPath, type CompiledValue, type PlanCompileContext, type Renderer } from './renderer.js';

/** Options of `compileParams`. */
export interface CompileParamsOptions {
  /** top-level keys kept as literal values, never parsed (e.g. code.javascript `code`) */
  raw?: ReadonlySet<string>;
  limits?: Partial<CompileLimits>;
  /** path root, default 'params' */
  root?: string;
}

/** Compiles a template string found at `path`. */
function compileString(text: string, path: string, context: PlanCompileContext): CompiledValue {
  if (!isTemplate(text)) return { constant: true, value: text };
  const parsed = parseTemplate(text, { limits: context.limits });
  if (!parsed.ok) {
    context.diagnostics.push({ ...parsed.diagnostic, paramPath: path });
    const message = parsed.diagnostic.message;
    return { constant: false, render: withParamPath(path, () => fail(message)) };
  }
  const program = compileTemplate(parsed.template);
  for (const root of program.roots) context.roots.add(root);
  return { constant: false, render: withParamPath(path, program.evaluate) };
}

function compileArray(items: readonly Json[], path: string, context: PlanCompileContext): CompiledValue {
  const compiled = items.map((item, i) => compileValue(item, appendPath(path, i), context));
  if (compiled.every((part) => part.constant)) return { constant: true, value: Object.freeze(items) };
  const renderers = compiled.map(rendererOf);
  return {
    constant: false,
    render: (run) => {
      const out = new Array<Json>(renderers.length);
      for (let i = 0; i < renderers.length; i++) out[i] = renderers[i]!(run);
      return out;
    },
  };
}

function compileObject(object: JsonObject, path: string, context: PlanCompileContext): CompiledValue {
  const keys = Object.keys(object);
  const compiled = keys.map((key) => compileValue(object[key] ?? null, appendPath(path, key), context));
  if (compiled.every((part) => part.constant)) return { constant: true, value: Object.freeze(object) };
  const renderers: Renderer[] = compiled.map(rendererOf);
  return {
    constant: false,
    render: (run) => {
      const out: MutableJsonObject = {};
      for (let i = 0; i < keys.length; i++) setOwn(out, keys[i]!, renderers[i]!(run));
      return out;
    },
  };
}

/** Compiles any param value: templates, directives, containers and constants. */
function compileValue(value: Json, path: string, context: PlanCompileContext): CompiledValue {
  if (typeof value === 'string') return compileString(value, path, context);
  if (typeof value !== 'object' || value === null) return { constant: true, value };
  if (Array.isArray(value)) return compileArray(value as readonly Json[], path, context);
  const object = value as JsonObject;
  return compileDirective(object, path, context, compileValue) ?? compileObject(object, path, context);
}

/**
 * Compiles a params object into a plan: every template parsed once, every
 * directive checked, constant sub-trees deep-frozen and shared. The params object itself is never
 * a directive. Diagnostics are in definition order of their param paths.
 */
export function compileParams(params: JsonObject, options?: CompileParamsOptions): { plan: ParamsPlan; diagnostics: ExpressionDiagnostic[] } {
  const raw = options?.raw;
  const rootPath = options?.root ?? 'params';
  const context: PlanCompileContext = { diagnostics: [], roots: new Set<RootName>(), limits: resolveCompileLimits(options?.limits) };
  const templatedKeys = new Set<string>();
  const entries: PlanEntry[] = [];
  if (isJsonObject(params)) {
    for (const key of Object.keys(params)) {
      const path = appendPath(rootPath, key);
      const value = params[key] ?? null;
      const compiled: CompiledValue = raw?.has(key) === true ? { constant: true, value: deepFreeze(value) } : compileValue(value, path, context);
      if (compiled.constant) {
        entries.push({ key, path, constant: true, value: compiled.value });
      } else {
        templatedKeys.add(key);
        entries.push({ key, path, constant: false, render: compiled.render });
      }
    }
  }
  const isConstant = templatedKeys.size === 0;
  let constant: JsonObject | null = null;
  if (isConstant) {
    if (isJsonObject(params)) {
      constant = deepFreeze(params);
    } else {
      const empty: MutableJsonObject = {};
      constant = Object.freeze(empty);
    }
  }
  const plan = new CompiledParamsPlan(isConstant, constant, context.roots, templatedKeys, entries);
  return { plan, diagnostics: context.diagnostics };
}
