import { describe, expect, it } from 'vitest';
import { orderDiagnostics } from '../../../src/compiler/diagnostic-order.js';
import { finding } from '../../../src/compiler/finding.js';
import type { Diagnostic } from '../../../src/domain/diagnostic.js';

function d(code: string, severity: Diagnostic['severity'], paramPath?: string): Diagnostic {
  return { code, severity, message: code, ...(paramPath === undefined ? {} : { paramPath }) };
}

describe('orderDiagnostics', () => {
  it('puts errors first, then orders by check number, position and param_path', () => {
    const ordered = orderDiagnostics([
      finding(0, d('unreachable_node', 'warning')),
      finding(3, d('invalid_params', 'error', 'params.b')),
      finding(3, d('invalid_params', 'error', 'params.a')),
      finding(1, d('invalid_params', 'error', 'params.z')),
      finding(5, d('unknown_node_type', 'error')),
      finding(-1, d('no_trigger', 'error')),
      finding(2, d('unknown_param', 'warning', 'params.x')),
    ]);
    expect(ordered.map((x) => `${x.code} ${x.paramPath ?? ''}`.trim())).toEqual([
      'unknown_node_type',
      'invalid_params params.z',
      'invalid_params params.a',
      'invalid_params params.b',
      'no_trigger',
      'unknown_param params.x',
      'unreachable_node',
    ]);
  });

  it('ranks codes a type invents with check 13 and keeps discovery order on ties', () => {
    const ordered = orderDiagnostics([
      finding(0, d('unknown_connection_node', 'error', 'connections[0]')),
      finding(0, d('custom_code', 'error')),
      finding(0, d('invalid_params', 'error')),
      finding(0, d('unknown_connection_node', 'error', 'connections[0]')),
    ]);
    expect(ordered.map((x) => x.code)).toEqual(['invalid_params', 'custom_code', 'unknown_connection_node', 'unknown_connection_node']);
  });
});
