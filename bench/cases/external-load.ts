// Case 5x: the service as a caller on the network sees it. Prana runs as its own process; ghz, a Go
// load generator in another process, calls it over several connections at concurrency 1, 16 and 64:
// StartExecution of the 10-node chain waiting until settled, against Health/Check (the cheapest call
// the server answers), rounds interleaved. ghz's own CPU use is reported, to show it is not the limit.
import { summarise, type Timing } from '../lib/measure.js';
import { ghz, ghzBinary, type GhzRun } from '../lib/ghz.js';
import { chainWorkflow } from '../lib/prana-engine.js';
import type { CaseResult } from '../lib/report.js';
import { startServiceProcess } from '../lib/service-process.js';

const CONCURRENCIES = [1, 16, 64] as const;
const CONNECTIONS = 4;

/** Case 5x at each concurrency; the target applies at 16. */
export async function externalLoadCases(timing: Timing): Promise<CaseResult[]> {
  const binary = await ghzBinary();
  const service = await startServiceProcess();
  try {
    const graphId = await service.compile(chainWorkflow(10, false));
    const durationMs = Math.max(1000, timing.roundMs);
    const start = (concurrency: number): Promise<GhzRun> =>
      ghz(binary, {
        target: service.target,
        call: 'prana.v1.ExecutionService.StartExecution',
        data: { graph_id: graphId, input: { v: 1 }, wait: 'EXECUTION_WAIT_SETTLED' },
        concurrency,
        connections: Math.min(CONNECTIONS, concurrency),
        durationMs,
      });
    const empty = (concurrency: number): Promise<GhzRun> =>
      ghz(binary, {
        target: service.target,
        call: 'grpc.health.v1.Health.Check',
        data: {},
        concurrency,
        connections: Math.min(CONNECTIONS, concurrency),
        durationMs,
      });
    const results: CaseResult[] = [];
    for (const concurrency of CONCURRENCIES) {
      await empty(concurrency);
      await start(concurrency);
      const starts: GhzRun[] = [];
      const empties: GhzRun[] = [];
      for (let round = 0; round < Math.max(3, Math.min(timing.rounds, 5)); round++) {
        empties.push(await empty(concurrency));
        starts.push(await start(concurrency));
      }
      const errors = [...starts, ...empties].reduce((sum, run) => sum + run.errors, 0);
      const ratios = summarise(starts.map((run, i) => run.rps / (empties[i] as GhzRun).rps));
      const s = summarise(starts.map((run) => run.rps));
      const e = summarise(empties.map((run) => run.rps));
      const median = (values: number[]): number => summarise(values).median;
      results.push({
        id: `5x@${concurrency}`,
        name: `external client (ghz): StartExecution (settled, 10 nodes) / empty call, concurrency ${concurrency}, ${Math.min(CONNECTIONS, concurrency)} connections`,
        unit: '×',
        measured: errors > 0 ? null : ratios.median,
        target: concurrency === 16 ? 0.6 : null,
        goal: 'higher',
        rounds: ratios,
        extra: {
          'start/s': s.median,
          'empty/s': e.median,
          'start p50 ms': median(starts.map((run) => run.p50Ms)),
          'start p99 ms': median(starts.map((run) => run.p99Ms)),
          'empty p99 ms': median(empties.map((run) => run.p99Ms)),
          'ghz cores': Math.max(...starts.map((run) => run.clientCores), ...empties.map((run) => run.clientCores)),
          ...(errors > 0
            ? { errors, 'error messages': [...new Set([...starts, ...empties].flatMap((run) => run.errorMessages))].join(' | ').slice(0, 300) }
            : {}),
        },
      });
    }
    return results;
  } finally {
    await service.stop();
  }
}
