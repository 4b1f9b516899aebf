// The benchmark suite (`npm run bench`): prints a table of every case with its target and ratio, and
// writes the results as JSON. Options: --quick (shorter rounds), --peer (also run n8n's engine on the
// same shapes, installed on demand), --only=1,2,4a (a subset), --json=<path>.
import '../src/config/v8-tuning.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { branchingCase, chainCase, chainEncodedCase, documentSizeCase, suspendedHeapCase } from './cases/engine.js';
import type { Timing } from './lib/measure.js';
import { table, type CaseResult } from './lib/report.js';
import { serviceCases } from './cases/service.js';
import { peerCases } from './cases/peer.js';
import { externalLoadCases } from './cases/external-load.js';
import { growthCases } from './cases/growth.js';
import { memoryStoreCases } from './cases/memory-store.js';

interface Options {
  readonly quick: boolean;
  readonly peer: boolean;
  readonly only: ReadonlySet<string> | null;
  readonly json: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value('only');
  return {
    quick: argv.includes('--quick'),
    peer: argv.includes('--peer'),
    only: only === undefined ? null : new Set(only.split(',')),
    json: value('json') ?? 'bench/results/latest.json',
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const timing: Timing = options.quick ? { warmupMs: 300, roundMs: 300, rounds: 3 } : { warmupMs: 2000, roundMs: 1000, rounds: 7 };
  const wanted = (id: string): boolean => options.only === null || options.only.has(id);
  const results: CaseResult[] = [];
  const add = (result: CaseResult): void => {
    results.push(result);
    process.stderr.write(`  done: case ${result.id} ${result.name}\n`);
  };
  if ((globalThis as { gc?: unknown }).gc === undefined) process.stderr.write('note: run node with --expose-gc for heap figures\n');

  if (wanted('1')) add(chainCase(timing, false));
  if (wanted('1e')) add(chainEncodedCase(timing));
  if (wanted('2')) add(chainCase(timing, true));
  if (wanted('3')) add(branchingCase(timing));
  if (wanted('4a')) add(documentSizeCase());
  if (wanted('4b')) add(suspendedHeapCase());
  for (const result of growthCases(timing, wanted)) add(result);
  if (wanted('5x')) for (const result of await externalLoadCases(timing)) add(result);
  for (const result of await serviceCases(timing, wanted)) add(result);
  for (const result of await memoryStoreCases(wanted)) add(result);
  if (options.peer) for (const result of await peerCases(timing, results)) add(result);

  process.stdout.write(`\n${table(results)}\n\n`);
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify({ at: new Date().toISOString(), node: process.version, timing, results }, null, 2));
  process.stdout.write(`results written to ${options.json}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
