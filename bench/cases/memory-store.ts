import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import { collectGarbage, summarise } from '../lib/measure.js';
import { chainWorkflow, suspendingWorkflow } from '../lib/prana-engine.js';
import type { CaseResult } from '../lib/report.js';
import { startBenchService, type BenchService } from '../lib/service-harness.js';

/** A wait with a timeout, so every suspended execution has a wake-up time the store indexes. */
const TIMED_WAIT: WorkflowDefinition = {
  ...suspendingWorkflow(),
  id: 'timed-wait',
};

async function startMany(bench: BenchService, graphId: string, count: number, input: (i: number) => object): Promise<void> {
  const inFlight = 64;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next++;
        await bench.service.app.startExecution({ graphId, input: input(i) as never, wait: 'settled' });
      }
    }),
  );
}

/**
 * Cases 10a–10c, the service's memory on the in-memory store: heap per suspended execution (everything
 * the service and its store hold for it), heap after 100,000 completed starts (bounded by
 * PRANA_MEMORY_MAX_ENDED), and how long one poll for due wake-ups takes among 100,000 suspended
 * executions.
 */
export async function memoryStoreCases(wanted: (id: string) => boolean): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  // First: what a stopped service leaves is collected only after its timers and sockets are gone.
  if (wanted('10b')) results.push(await completedHeapCase());
  if (wanted('10a') || wanted('10c')) {
    const bench = await startBenchService();
    try {
      const graphId = await bench.compile(TIMED_WAIT);
      await startMany(bench, graphId, 1000, (i) => ({ order: i }));
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const count = 100_000;
      await startMany(bench, graphId, count, (i) => ({ order: i }));
      collectGarbage();
      const perExecution = (process.memoryUsage().heapUsed - before) / count;
      if (wanted('10a')) {
        results.push({
          id: '10a',
          name: `heap per suspended execution in the service, memory store (${count.toLocaleString('en-US')}: stored document, events, timers)`,
          unit: 'B',
          measured: Math.round(perExecution),
          target: 2048,
          goal: 'lower',
        });
      }
      if (wanted('10c')) {
        const executions = bench.service.app.context.executions;
        const far = Date.now() + 48 * 3_600_000;
        const times: number[] = [];
        for (let r = 0; r < 20; r++) {
          const t0 = performance.now();
          const due = await executions.due(far, Date.now(), 100);
          times.push(performance.now() - t0);
          if (due.length !== 100) throw new Error(`expected 100 due wake-ups, got ${due.length}`);
        }
        const listings: number[] = [];
        for (let r = 0; r < 20; r++) {
          const t0 = performance.now();
          const page = await executions.list({ namespace: 'default', statuses: ['suspended'], limit: 50 });
          listings.push(performance.now() - t0);
          if (page.length !== 50) throw new Error(`expected a page of 50, got ${page.length}`);
        }
        results.push({
          id: '10c',
          name: `one poll for due wake-ups among ${(count + 1000).toLocaleString('en-US')} suspended executions, memory store`,
          unit: 'ms',
          measured: summarise(times).median,
          target: 1,
          goal: 'lower',
          extra: { max: Math.max(...times), 'list page of 50 ms': summarise(listings).median },
        });
      }
    } finally {
      await bench.stop();
    }
  }
  return results;
}

/** Case 10b: the heap after 100,000 completed starts, which the ended-execution bound keeps flat. */
async function completedHeapCase(): Promise<CaseResult> {
  const bench = await startBenchService();
  try {
    const graphId = await bench.compile(chainWorkflow(10, false));
    const count = 100_000;
    await startMany(bench, graphId, count, (i) => ({ v: i }));
    collectGarbage();
    const heap = process.memoryUsage().heapUsed;
    return {
      id: '10b',
      name: `heap after ${count.toLocaleString('en-US')} completed starts (10 nodes), memory store keeping 10,000 ended`,
      unit: 'MB',
      measured: heap / 2 ** 20,
      target: null,
      goal: 'lower',
    };
  } finally {
    await bench.stop();
  }
}

/**
 * Case 10d: heap per suspended execution in a service on MongoDB, where the executions live in the
 * store: what the service process itself keeps for each one.
 */
export async function suspendedOnMongoCase(uri: string): Promise<CaseResult> {
  const bench = await startBenchService(uri);
  try {
    const graphId = await bench.compile(TIMED_WAIT);
    await startMany(bench, graphId, 200, (i) => ({ order: i }));
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const count = 3000;
    await startMany(bench, graphId, count, (i) => ({ order: i }));
    collectGarbage();
    return {
      id: '10d',
      name: `heap per suspended execution in the service, MongoDB (${count.toLocaleString('en-US')})`,
      unit: 'B',
      measured: Math.round((process.memoryUsage().heapUsed - before) / count),
      target: 2048,
      goal: 'lower',
    };
  } finally {
    await bench.stop();
  }
}
