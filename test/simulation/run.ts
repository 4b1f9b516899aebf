// `npm run sim`: the deterministic simulation. Runs seeds (each: a fault-free reference run, then the
// same workload on several replicas with crashes, store failures and stalls, lease expiries and
// clock jumps), checks the invariants after each, and prints every failing seed with the command that
// replays it alone.
//
//   npm run sim                      500 seeds from 1
//   npm run sim -- --seeds 100000    more seeds
//   npm run sim -- --from 7000       start elsewhere
//   npm run sim -- --seed 42         one seed, with its violations in full
import { parseArgs } from 'node:util';
import { simulate, type SeedResult } from './simulate.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    seeds: { type: 'string', default: '500' },
    from: { type: 'string', default: '1' },
    'max-failures': { type: 'string', default: '10' },
  },
});

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    process.stderr.write(`sim: --${name} must be a non-negative integer, not ${text}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const single = values.seed === undefined ? undefined : integer('seed', values.seed);
  const from = single ?? integer('from', values.from);
  const count = single === undefined ? integer('seeds', values.seeds) : 1;
  const maxFailures = integer('max-failures', values['max-failures']);
  const started = Date.now();
  const totals = { seeds: 0, failed: 0, checks: 0, executions: 0, calls: 0, crashes: 0, failures: 0, stalls: 0, outages: 0, clockJumps: 0 };
  const failed: SeedResult[] = [];
  for (let seed = from; seed < from + count; seed++) {
    const result = await simulate(seed);
    totals.seeds++;
    totals.checks += result.checks;
    totals.executions += result.executions;
    totals.calls += result.faults.calls;
    totals.crashes += result.faults.crashes;
    totals.failures += result.faults.failures;
    totals.stalls += result.faults.stalls;
    totals.outages += result.faults.outages;
    totals.clockJumps += result.faults.clockJumps;
    if (result.violations.length > 0) {
      totals.failed++;
      failed.push(result);
      process.stdout.write(`seed ${seed} FAILED (${result.violations.length} violations; replay: npm run sim -- --seed ${seed})\n`);
      const distinct = [...new Set(result.violations)];
      for (const violation of distinct.slice(0, single === undefined ? 5 : 200)) process.stdout.write(`  - ${violation}\n`);
      if (failed.length >= maxFailures && single === undefined) break;
    } else if (single !== undefined) {
      process.stdout.write(`seed ${seed} passed: ${result.executions} executions, ${result.checks} checks, faults ${JSON.stringify(result.faults)}\n`);
    }
    if (single === undefined && totals.seeds % 500 === 0) {
      process.stdout.write(`… ${totals.seeds} seeds, ${totals.failed} failed, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `sim: ${totals.seeds} seeds (${from}..${from + totals.seeds - 1}) in ${seconds} s: ${totals.failed} failed; ` +
      `${totals.executions} executions, ${totals.calls} store calls, faults injected: ${totals.crashes} crashes, ${totals.failures} store failures, ` +
      `${totals.stalls} stalls, ${totals.outages} outages, ${totals.clockJumps} clock jumps; ${totals.checks} invariant checks\n`,
  );
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
