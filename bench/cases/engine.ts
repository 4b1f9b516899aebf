import { documentOfExecution } from '../../src/adapters/document/execution-codec.js';
import { graphFacts } from '../../src/adapters/document/graph-facts.js';
import { ExecutionSerializer } from '../../src/adapters/document/execution-serializer.js';
import { DEFAULT_INLINE_OUTPUT_BYTES } from '../../src/adapters/document/store-limits.js';
import type { Execution } from '../../src/domain/execution.js';
import { collectGarbage, opsPerSecondSync, type Timing } from '../lib/measure.js';
import { benchEngineEnv, branchingWorkflow, chainWorkflow, compileOrThrow, runEngine, suspendingWorkflow } from '../lib/prana-engine.js';
import type { CaseResult } from '../lib/report.js';

/** Cases 1 and 2: the engine alone on a 100-node chain, without and with one template per node. */
export function chainCase(timing: Timing, expressionPerNode: boolean): CaseResult {
  const graph = compileOrThrow(chainWorkflow(100, expressionPerNode));
  const env = benchEngineEnv();
  let i = 0;
  const rounds = opsPerSecondSync(timing, () => {
    const execution = runEngine(graph, env, `e${i++}`, { v: 0 });
    if (execution.status !== 'completed') throw new Error(`chain ended ${execution.status}`);
  });
  return {
    id: expressionPerNode ? '2' : '1',
    name: expressionPerNode ? 'engine, 100-node chain, one {{ }} per node' : 'engine, 100-node chain of trivial nodes',
    unit: 'exec/s',
    measured: rounds.median,
    target: expressionPerNode ? 5000 : 20000,
    goal: 'higher',
    rounds,
    extra: { 'heap/exec (B)': heapPerExecution(() => runEngine(graph, env, `h${i++}`, { v: 0 }), 2000) },
  };
}

/**
 * Case 1e: the engine plus encoding the stored document, as a store does it at the end of a drive
 * (the codec's compact document and its JSON text, with the stores' inline output threshold).
 */
export function chainEncodedCase(timing: Timing): CaseResult {
  const graph = compileOrThrow(chainWorkflow(100, false));
  const env = benchEngineEnv();
  const facts = graphFacts(graph);
  const serializer = new ExecutionSerializer({ inlineOutputBytes: DEFAULT_INLINE_OUTPUT_BYTES });
  let i = 0;
  let bytes = 0;
  const rounds = opsPerSecondSync(timing, () => {
    const execution = runEngine(graph, env, `e${i++}`, { v: 0 });
    bytes = serializer.serialize(execution, facts).text.length;
  });
  return {
    id: '1e',
    name: 'engine + stored document encoding, 100-node chain',
    unit: 'exec/s',
    measured: rounds.median,
    target: 30_000,
    goal: 'higher',
    rounds,
    extra: { 'document (chars)': bytes },
  };
}

/** Case 3: a branching workflow (fork/join, IF, a loop of 100 iterations). */
export function branchingCase(timing: Timing): CaseResult {
  const graph = compileOrThrow(branchingWorkflow(100));
  const env = benchEngineEnv();
  let i = 0;
  const rounds = opsPerSecondSync(
    timing,
    () => {
      const execution = runEngine(graph, env, `b${i++}`, {});
      if (execution.status !== 'completed' || execution.iterationCount !== 99) throw new Error(`branching ended ${execution.status}`);
    },
    2,
  );
  return {
    id: '3',
    name: 'engine, fork/join + IF + 100-iteration loop (~210 node runs)',
    unit: 'exec/s',
    measured: rounds.median,
    target: null,
    goal: 'higher',
    rounds,
  };
}

/** Case 4a: the stored execution document of case 1, in bytes. */
export function documentSizeCase(): CaseResult {
  const graph = compileOrThrow(chainWorkflow(100, false));
  const execution = runEngine(graph, benchEngineEnv(), 'doc-size-execution-0001', { v: 0 });
  const bytes = Buffer.byteLength(JSON.stringify(documentOfExecution(execution, graphFacts(graph))));
  const exprGraph = compileOrThrow(chainWorkflow(100, true));
  const exprExecution = runEngine(exprGraph, benchEngineEnv(), 'doc-size-execution-0002', { v: 0 });
  const exprBytes = Buffer.byteLength(JSON.stringify(documentOfExecution(exprExecution, graphFacts(exprGraph))));
  return {
    id: '4a',
    name: 'stored execution document, case 1',
    unit: 'B',
    measured: bytes,
    target: 10 * 1024,
    goal: 'lower',
    extra: { 'case 2 doc (B)': exprBytes },
  };
}

/** Case 4b: heap retained by 10,000 suspended executions of one shared graph. */
export function suspendedHeapCase(count = 10_000): CaseResult {
  const graph = compileOrThrow(suspendingWorkflow());
  const env = benchEngineEnv();
  const graphBytes = Buffer.byteLength(JSON.stringify(graph.definition));
  const perExecution = heapPerExecution((i) => {
    const execution = runEngine(graph, env, `s-${i}`, { order: i });
    if (execution.status !== 'suspended') throw new Error(`expected a suspension, got ${execution.status}`);
    return execution;
  }, count);
  return {
    id: '4b',
    name: `heap per suspended execution (${count.toLocaleString('en-US')}, one shared graph)`,
    unit: 'B',
    measured: perExecution,
    target: null,
    goal: 'lower',
    extra: { 'graph definition (B)': graphBytes },
    note: 'the graph is referenced, never copied',
  };
}

/** Heap retained per kept execution, measured around creating `count` of them (needs --expose-gc). */
function heapPerExecution(make: (i: number) => Execution, count: number): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const kept: Execution[] = [];
  for (let i = 0; i < count; i++) kept.push(make(i));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== count) throw new Error('unreachable');
  return Math.round((after - before) / count);
}
