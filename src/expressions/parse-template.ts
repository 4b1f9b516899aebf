import type { Template } from './ast.js';
import {
  invalidFilterArgumentsDiagnostic,
  syntaxErrorDiagnostic,
  templateTooLargeDiagnostic,
  unknownFilterDiagnostic,
  type TemplateDiagnostic,
} from './diagnostics.js';
import { FILTER_ARITY, isFilterName } from './filters/filter-signatures.js';
import { resolveCompileLimits, type CompileLimits } from './limits.js';
import { PositionTracker } from './source-position.js';
import { parseTemplateStructure } from './template-parser.js';
import { TemplateSyntaxError } from './template-syntax-error.js';
import { exceedsUtf8, utf8Length } from './utf8-length.js';

/** The outcome of parsing one template string. */
export type ParseTemplateResult = { readonly ok: true; readonly template: Template } | { readonly ok: false; readonly diagnostic: TemplateDiagnostic };

/**
 * Parses a template string into its AST and checks filter names and
 * argument counts. Never throws for any input: a problem is returned as the first
 * diagnostic, syntax errors taking precedence over filter problems.
 */
export function parseTemplate(source: string, options?: { limits?: Partial<CompileLimits> }): ParseTemplateResult {
  const limits = resolveCompileLimits(options?.limits);
  if (exceedsUtf8(source, limits.maxTemplateBytes)) {
    return { ok: false, diagnostic: templateTooLargeDiagnostic(utf8Length(source), limits.maxTemplateBytes) };
  }
  let filterProblem: TemplateDiagnostic | undefined;
  try {
    const template = parseTemplateStructure(source, limits.maxDepth, (name, count, position) => {
      if (filterProblem !== undefined) return;
      if (!isFilterName(name)) {
        filterProblem = unknownFilterDiagnostic(name, position.line, position.column);
        return;
      }
      const arity = FILTER_ARITY[name];
      if (count < arity.min || count > arity.max) {
        filterProblem = invalidFilterArgumentsDiagnostic(name, arity.min, arity.max, count, position.line, position.column);
      }
    });
    if (filterProblem !== undefined) return { ok: false, diagnostic: filterProblem };
    return { ok: true, template };
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    const position = new PositionTracker(source).at(error.offset);
    return { ok: false, diagnostic: syntaxErrorDiagnostic(position.line, position.column, error.detail) };
  }
}

/** True when a string contains one of the markers `{{`, `{%` or `{#`. */
export function isTemplate(text: string): boolean {
  let i = text.indexOf('{');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x7b || next === 0x25 || next === 0x23) return true;
    i = text.indexOf('{', i + 1);
  }
  return false;
}
