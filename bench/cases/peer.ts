import { summarise, type Timing } from '../lib/measure.js';
import { benchEngineEnv, chainWorkflow, compileOrThrow, runEngine } from '../lib/prana-engine.js';
import type { CaseResult } from '../lib/report.js';
import { prepareN8nPeer } from '../peers/n8n/peer.js';

/** One round of Prana's engine on the chain: executions per second for `ms`. */
function pranaRound(expressionPerNode: boolean): (ms: number) => number {
  const graph = compileOrThrow(chainWorkflow(100, expressionPerNode));
  const env = benchEngineEnv();
  let i = 0;
  return (ms) => {
    let count = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let k = 0; k < 10; k++) runEngine(graph, env, `p${i++}`, { v: 0 });
      count += 10;
      now = performance.now();
    }
    return (count / (now - start)) * 1000;
  };
}

/**
 * Comparison mode: n8n's engine on the same 100-node shapes in the same process, its rounds
 * interleaved with rounds of Prana's engine (so both see the same machine), with the ratio per pair of
 * rounds and its spread, and the stored bytes of each.
 */
export async function peerCases(timing: Timing, prana: readonly CaseResult[]): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const byId = new Map(prana.map((r) => [r.id, r]));
  for (const expressionPerNode of [false, true]) {
    const peer = await prepareN8nPeer({ kind: 'chain', nodes: 100, expressionPerNode });
    const ours = pranaRound(expressionPerNode);
    await peer.round(timing.warmupMs);
    ours(timing.warmupMs);
    const theirs: number[] = [];
    const mine: number[] = [];
    for (let r = 0; r < timing.rounds; r++) {
      theirs.push(await peer.round(timing.roundMs));
      mine.push(ours(timing.roundMs));
    }
    const ratios = summarise(mine.map((v, k) => v / (theirs[k] as number)));
    const n8n = summarise(theirs);
    out.push({
      id: expressionPerNode ? 'P2' : 'P1',
      name: `n8n ${peer.version} WorkflowExecute, 100-node chain${expressionPerNode ? ', one expression per node' : ''}; Prana ÷ n8n, interleaved rounds`,
      unit: '×',
      measured: ratios.median,
      target: null,
      goal: 'higher',
      rounds: ratios,
      extra: {
        'n8n exec/s': n8n.median,
        'n8n spread': `±${(n8n.spread * 50).toFixed(1)}%`,
        'Prana exec/s': summarise(mine).median,
        'n8n run data (B)': peer.runDataBytes,
        ...(expressionPerNode ? {} : { 'n8n/Prana bytes': (peer.runDataBytes / (byId.get('4a')?.measured ?? NaN) || 0).toFixed(1) }),
      },
    });
  }
  return out;
}
