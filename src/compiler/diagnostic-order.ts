import type { Diagnostic, Severity } from '../domain/diagnostic.js';
import type { Finding } from './finding.js';

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1 };

/** Code-unit comparison, never locale-dependent. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders findings as the execution semantics says: errors before warnings, then by check number, then by
 * the position of the node or connection, then by param_path. Ties keep the order of discovery.
 */
export function orderDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  return [...findings]
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.diagnostic.severity] - SEVERITY_RANK[b.diagnostic.severity] ||
        a.check - b.check ||
        a.position - b.position ||
        compareText(a.diagnostic.paramPath ?? '', b.diagnostic.paramPath ?? ''),
    )
    .map((f) => f.diagnostic);
}
