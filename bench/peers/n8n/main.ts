// Runs the n8n peer alone on both 100-node shapes and prints the results:
//   npm run build && node dist/bench/peers/n8n/main.js [--quick]
import { installN8n, N8N_PEER_VERSIONS } from './install.js';
import { runN8nPeer } from './peer.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const timing = quick ? { warmupMs: 300, roundMs: 300, rounds: 3 } : { warmupMs: 2000, roundMs: 1000, rounds: 7 };
  await installN8n({ log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(
    `n8n-core ${N8N_PEER_VERSIONS['n8n-core']}, n8n-workflow ${N8N_PEER_VERSIONS['n8n-workflow']}, node ${process.version}; warm-up ${timing.warmupMs} ms, ${timing.rounds} rounds of ${timing.roundMs} ms\n`,
  );
  for (const expressionPerNode of [false, true]) {
    const result = await runN8nPeer({ kind: 'chain', nodes: 100, expressionPerNode }, timing);
    const min = Math.min(...result.rounds);
    const max = Math.max(...result.rounds);
    const label = expressionPerNode ? '100-node chain, one expression per node' : '100-node chain, constant parameter';
    process.stdout.write(
      `${label.padEnd(42)} ${result.executionsPerSecond.toFixed(1).padStart(8)} exec/s (rounds ${min.toFixed(1)}–${max.toFixed(1)})  run data ${result.runDataBytes} B\n`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`n8n peer failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
