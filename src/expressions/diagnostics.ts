import { didYouMean } from '../domain/did-you-mean.js';
import { FILTER_ARITY } from './filters/filter-signatures.js';
/** The codes of compile diagnostics produced by the expression language. */
export type ExpressionDiagnosticCode =
  'template_syntax_error' | 'template_too_large' | 'unknown_filter' | 'invalid_filter_arguments' | 'invalid_directive' | 'directive_extra_keys';

/** A compile diagnostic of one template string or directive inside params. */
export interface ExpressionDiagnostic {
  readonly code: ExpressionDiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly paramPath: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** A diagnostic of a single template, before it is placed at a param path. */
export type TemplateDiagnostic = Omit<ExpressionDiagnostic, 'paramPath'>;

/** The `template_syntax_error` diagnostic at a 1-based line and column. */
export function syntaxErrorDiagnostic(line: number, column: number, detail: string): TemplateDiagnostic {
  return {
    code: 'template_syntax_error',
    severity: 'error',
    message: `Template syntax error at line ${line}, column ${column}: ${detail}`,
    line,
    column,
  };
}

/** The `template_too_large` diagnostic. */
export function templateTooLargeDiagnostic(bytes: number, maxBytes: number): TemplateDiagnostic {
  return {
    code: 'template_too_large',
    severity: 'error',
    message: `Template is ${bytes} bytes; the maximum is ${maxBytes}`,
  };
}

/** The `unknown_filter` diagnostic for a filter or call name. */
export function unknownFilterDiagnostic(name: string, line: number, column: number): TemplateDiagnostic {
  return {
    code: 'unknown_filter',
    severity: 'error',
    message: `Unknown filter or function: ${name}${didYouMean(name, Object.keys(FILTER_ARITY))}`,
    line,
    column,
  };
}

/**
 * The `invalid_filter_arguments` diagnostic. `<range>` is written `0`, `1`, `2`, `0-1` or `1-2`:
 * the inclusive range of arguments the filter accepts after the value.
 */
export function invalidFilterArgumentsDiagnostic(
  name: string,
  minArgs: number,
  maxArgs: number,
  got: number,
  line: number,
  column: number,
): TemplateDiagnostic {
  const range = minArgs === maxArgs ? `${minArgs}` : `${minArgs}-${maxArgs}`;
  return {
    code: 'invalid_filter_arguments',
    severity: 'error',
    message: `${name} takes ${range} argument(s) after the value, got ${got}`,
    line,
    column,
  };
}
