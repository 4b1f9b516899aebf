import type { Diagnostic as DomainDiagnostic, Severity } from '../../../domain/diagnostic.js';
import { DiagnosticSeverity, type Diagnostic } from '../../../gen/prana/v1/diagnostics.js';

/** Encodes a compiler finding as prana.v1.Diagnostic (absent node, port or path become empty strings). */
export function encodeDiagnostic(diagnostic: DomainDiagnostic): Diagnostic {
  return {
    code: diagnostic.code,
    severity: encodeSeverity(diagnostic.severity),
    nodeKey: diagnostic.nodeKey ?? '',
    port: diagnostic.port ?? '',
    paramPath: diagnostic.paramPath ?? '',
    message: diagnostic.message,
  };
}

/** Encodes a diagnostic severity as prana.v1.DiagnosticSeverity. */
function encodeSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.DIAGNOSTIC_SEVERITY_ERROR;
    case 'warning':
      return DiagnosticSeverity.DIAGNOSTIC_SEVERITY_WARNING;
  }
}
