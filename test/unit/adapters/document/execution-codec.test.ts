import { describe, expect, it } from 'vitest';
import {
  decodeExecution,
  documentOfExecution,
  outsideOutputRefs,
  type ExecutionDocument,
  type RunDocument,
} from '../../../../src/adapters/document/execution-codec.js';
import { graphFacts } from '../../../../src/adapters/document/graph-facts.js';
import type { Execution } from '../../../../src/domain/execution.js';
import { compile, Run, workflow } from '../../engine/harness.js';

/*
  trigger -> fe (for_each over 3 items, batch 2) -loop-> flaky (fails once, retried) -> gate (webhook wait) -> fe
  fe -done-> same (passes its input through: its output is the same object as fe's)
*/
const definition = workflow(
  [
    ['trigger', 'manual.trigger'],
    ['fe', 'core.for_each', { collection: '{{ $input.main.items }}', mode: 'batch', batch_size: 2 } as never],
    ['flaky', 'test.fail', { times: 1 }, { retryOnFailed: true, maxRetries: 2, retryDelayMs: 1000 }],
    ['gate', 'wait.wait', { mode: 'webhook' }],
    ['same', 'data.set_data', { mapping_map: '{{ $input.main }}' }],
  ],
  ['trigger -> fe', 'fe.loop -> flaky', 'flaky -> gate', 'gate -> fe', 'fe.done -> same'],
);

/** Everything a decoded execution must give back, in comparable form. */
function comparable(execution: Execution) {
  return {
    ...execution,
    runs: [...execution.runs].map(([key, runs]) => [key, runs.map((r) => ({ ...r }))]),
    frontier: [...execution.frontier],
    activePaths: execution.activePaths.entries(),
    nodeContexts: JSON.parse(JSON.stringify(Object.fromEntries(execution.nodeContexts))) as unknown,
  };
}

/** The stored runs one record each, as earlier versions wrote them. */
function legacyRuns(doc: ExecutionDocument, keys: readonly (string | undefined)[]): RunDocument[] {
  const rc = doc.rc;
  if (rc === undefined) throw new Error('expected columns');
  return rc.n.map((slot, j) => {
    const extra = rc.x?.[j] ?? 0;
    const record: RunDocument = {
      k: keys[slot] as string,
      s: rc.s[j] as string,
      i: rc.i[j] as number,
      t: doc.created_at + (rc.t[j] as number),
      ...(extra === 0 ? {} : extra),
    };
    const d = rc.d[j];
    if (d !== null && d !== undefined) record.d = d;
    if (record.s === 'c' && record.or === undefined && record.ox === undefined) record.o = rc.o[j] ?? null;
    return record;
  });
}

async function storedAtEveryStep(): Promise<{ graph: ReturnType<typeof compile>; executions: Execution[] }> {
  const graph = compile(definition);
  const run = new Run(graph, { items: [{ a: 1 }, { a: 2 }, { a: 3 }] });
  const executions: Execution[] = [];
  const keep = () =>
    executions.push(decodeExecution(JSON.parse(JSON.stringify(documentOfExecution(run.execution, graphFacts(graph)))) as ExecutionDocument, graphFacts(graph)));
  await run.start();
  keep();
  while (run.execution.status !== 'completed') {
    const waiting = [...run.execution.runs.values()].map((runs) => runs[0]).find((r) => r?.status === 'suspended');
    if (waiting?.suspension?.kind === 'webhook') await run.resume({ reason: 'resume', data: { ok: true } });
    else await run.advanceAndWake(1000);
    keep();
    executions.push(run.execution);
    if (executions.length > 40) throw new Error(`did not complete: ${run.execution.status} ${run.trace.slice(-6).join(' ')}`);
  }
  return { graph, executions };
}

describe('the stored execution document', () => {
  it('gives back every field of the execution after a JSON round trip, at every step of a loop with retries and waits', async () => {
    const { graph, executions } = await storedAtEveryStep();
    const facts = graphFacts(graph);
    for (const execution of executions) {
      const stored = JSON.parse(JSON.stringify(documentOfExecution(execution, facts))) as ExecutionDocument;
      expect(comparable(decodeExecution(stored, facts))).toEqual(comparable(execution));
    }
    const last = executions.at(-1) as Execution;
    expect(executions.some((e) => e.activePaths.size > 2)).toBe(true);
    expect(last.runs.get('same')?.[0]?.output).toEqual({});
    expect(last.runs.get('flaky')?.[0]?.attempt).toBe(1);
  });

  it('keeps a shared output once and places large outputs outside by reference', async () => {
    const { graph, executions } = await storedAtEveryStep();
    const facts = graphFacts(graph);
    const last = executions.at(-1) as Execution;
    const doc = documentOfExecution(last, facts, {
      place: (output) => (JSON.stringify(output).includes('"ok"') ? `ref-${JSON.stringify(output).length}` : undefined),
    });
    expect(outsideOutputRefs(doc).length).toBeGreaterThan(0);
    const lookup = new Map(outsideOutputRefs(doc).map((ref) => [ref, { ok: true }]));
    const decoded = decodeExecution(JSON.parse(JSON.stringify(doc)) as ExecutionDocument, facts, (ref) => lookup.get(ref) ?? null);
    expect(comparable(decoded)).toEqual(comparable(last));
    // `same` passed fe's `{}` through: the document holds it once and refers to it.
    expect(doc.rc?.x?.some((x) => x !== 0 && x.or !== undefined)).toBe(true);
  });

  it('reads documents written with one record per run by earlier versions', async () => {
    const { graph, executions } = await storedAtEveryStep();
    const facts = graphFacts(graph);
    for (const execution of executions) {
      const current = JSON.parse(JSON.stringify(documentOfExecution(execution, facts))) as ExecutionDocument;
      const ap = current.ap ?? [];
      const pairs: [string, number][] = [];
      for (let n = 0; n < ap.length; n += 2) pairs.push([facts.slots.keys[ap[n] as number] as string, ap[n + 1] as number]);
      const legacy: ExecutionDocument = { ...current, runs: legacyRuns(current, facts.slots.keys), active_paths: pairs };
      delete legacy.rc;
      delete legacy.ap;
      expect(comparable(decodeExecution(legacy, facts))).toEqual(comparable(decodeExecution(current, facts)));
    }
  });
});
