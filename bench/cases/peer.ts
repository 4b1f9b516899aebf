import type { Timing } from '../lib/measure.js';
import type { CaseResult } from '../lib/report.js';
import { runN8nPeer } from '../peers/n8n/peer.js';

/**
 * Comparison mode: n8n's engine on the same 100-node shapes in the same process run, with the
 * ratio Prana / n8n for executions/s and stored bytes.
 */
export async function peerCases(timing: Timing, prana: readonly CaseResult[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const byId = new Map(prana.map((r) => [r.id, r]));
  for (const expressionPerNode of [false, true]) {
    const peer = await runN8nPeer({ kind: 'chain', nodes: 100, expressionPerNode }, timing);
    const ours = byId.get(expressionPerNode ? '2' : '1')?.measured ?? null;
    out.push({
      id: expressionPerNode ? 'P2' : 'P1',
      name: `n8n ${peer.version} WorkflowExecute, 100-node chain${expressionPerNode ? ', one expression per node' : ''}`,
      unit: 'exec/s',
      measured: peer.executionsPerSecond,
      target: null,
      goal: 'higher',
      extra: {
        'Prana/n8n exec/s': ours === null ? '—' : (ours / peer.executionsPerSecond).toFixed(1),
        'n8n run data (B)': peer.runDataBytes,
        ...(expressionPerNode ? {} : { 'n8n/Prana bytes': (peer.runDataBytes / (byId.get('4a')?.measured ?? NaN) || 0).toFixed(1) }),
      },
    });
  }
  return out;
}
