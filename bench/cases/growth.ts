import { summarise, type Timing } from '../lib/measure.js';
import { benchEngineEnv, compileOrThrow, runEngine } from '../lib/prana-engine.js';
import { chainShape, fanOutShape, forEachShape, loopShape, type GrowthShape } from '../lib/growth-shapes.js';
import type { CaseResult } from '../lib/report.js';

/** The largest shapes are above the service's default node and connection limits, which are settings. */
const GROWTH_LIMITS = { maxNodes: 20_000, maxConnections: 40_000 };

/** Median microseconds of one call, over rounds of at least `roundMs` (at least two calls per round). */
function microsPerCall(timing: Timing, call: () => void): number {
  call();
  const values: number[] = [];
  for (let r = 0; r < timing.rounds; r++) {
    let count = 0;
    const start = performance.now();
    let now = start;
    while (count < 2 || now - start < timing.roundMs) {
      call();
      count += 1;
      now = performance.now();
    }
    values.push(((now - start) * 1000) / count);
  }
  return summarise(values).median;
}

interface Point {
  readonly shape: GrowthShape;
  readonly compilePerNode: number;
  readonly runPerUnit: number;
}

function measurePoint(timing: Timing, shape: GrowthShape): Point {
  const nodeCount = shape.workflow.nodes.length;
  const compilePerNode =
    microsPerCall(timing, () => {
      compileOrThrow(shape.workflow, GROWTH_LIMITS);
    }) / nodeCount;
  const graph = compileOrThrow(shape.workflow, GROWTH_LIMITS);
  const env = benchEngineEnv();
  let i = 0;
  const runPerUnit =
    microsPerCall(timing, () => {
      const execution = runEngine(graph, env, `g${i++}`, shape.input);
      if (execution.status !== 'completed') throw new Error(`${shape.workflow.id} ended ${execution.status}`);
    }) / shape.size;
  return { shape, compilePerNode, runPerUnit };
}

const FAMILIES: readonly { readonly id: string; readonly sizes: readonly number[]; readonly make: (n: number) => GrowthShape }[] = [
  { id: '9a', sizes: [10, 100, 1_000, 10_000], make: chainShape },
  { id: '9b', sizes: [125, 500, 2_000], make: fanOutShape },
  { id: '9c', sizes: [100, 2_500, 100_000], make: forEachShape },
  { id: '9d', sizes: [100, 1_000, 10_000], make: loopShape },
];

const fmt = (micros: number): string => `${micros.toFixed(2)} µs`;

/**
 * Case 9, the growth table: for each shape, compile and run cost per unit at every size, and the
 * ratio of the largest per-unit run cost to the smallest (flat within 2× is the target). Case 9e is
 * compiling a 10,000-node chain, per node.
 */
export function growthCases(timing: Timing, wanted: (id: string) => boolean): CaseResult[] {
  const results: CaseResult[] = [];
  let bigChain: Point | undefined;
  for (const family of FAMILIES) {
    if (!wanted(family.id) && !(family.id === '9a' && wanted('9e'))) continue;
    const points = family.sizes.map((size) => measurePoint(timing, family.make(size)));
    const runs = points.map((p) => p.runPerUnit);
    const first = points[0] as Point;
    if (family.id === '9a') bigChain = points.at(-1);
    const extra: Record<string, string> = {};
    for (const p of points)
      extra[`${p.shape.size.toLocaleString('en-US')}`] = `run ${fmt(p.runPerUnit)}/${p.shape.unit}, compile ${fmt(p.compilePerNode)}/node`;
    if (wanted(family.id)) {
      results.push({
        id: family.id,
        name: `growth: ${first.shape.family}, ${family.sizes.map((s) => s.toLocaleString('en-US')).join(' → ')}; max ÷ min run cost per ${first.shape.unit}`,
        unit: '×',
        measured: Math.max(...runs) / Math.min(...runs),
        target: 2,
        goal: 'lower',
        extra,
      });
    }
  }
  if (wanted('9e') && bigChain !== undefined) {
    results.push({
      id: '9e',
      name: 'compile a 10,000-node chain, per node',
      unit: 'µs',
      measured: bigChain.compilePerNode,
      target: 10,
      goal: 'lower',
    });
  }
  return results;
}
