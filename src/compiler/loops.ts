import type { Digraph } from './digraph.js';
import type { Loop, LoopInfo, LoopRole } from '../domain/execution-graph.js';
import { stronglyConnectedComponents } from './scc.js';

/** Loop metadata of a graph: the loops, each node's annotation, and its SCC. */
export interface LoopAnalysis {
  readonly loops: readonly Loop[];
  /** Loop info per node position. */
  readonly info: readonly LoopInfo[];
  /** SCC label per node position; equal labels mean the same SCC. */
  readonly componentOf: Int32Array;
}

/** The annotation of every node outside loops. */
export const NOT_IN_LOOP: LoopInfo = Object.freeze({ level: 0, role: 'not_in_loop', ids: Object.freeze([]) });

/** Code-unit order. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Finds the loops of a graph whose node positions follow definition order: an SCC with more than
 * one node or with a self-connection. Loops are numbered by their earliest member; roles follow the
 * members' keys sorted ascending (first start_loop, last end_loop, others in_loop).
 */
export function analyzeLoops(keys: readonly string[], graph: Digraph): LoopAnalysis {
  const componentOf = stronglyConnectedComponents(graph.successors);
  const members = new Map<number, number[]>();
  for (let v = 0; v < graph.size; v++) {
    const c = componentOf[v] as number;
    const list = members.get(c);
    if (list === undefined) members.set(c, [v]);
    else list.push(v);
  }
  const info: LoopInfo[] = new Array<LoopInfo>(graph.size).fill(NOT_IN_LOOP);
  const loops: Loop[] = [];
  const numbered = new Set<number>();
  for (let v = 0; v < graph.size; v++) {
    const c = componentOf[v] as number;
    if (numbered.has(c)) continue;
    numbered.add(c);
    const nodes = members.get(c) as number[];
    const isLoop = nodes.length > 1 || (graph.successors[v] as readonly number[]).includes(v);
    if (!isLoop) continue;
    const id = `loop_${loops.length + 1}`;
    const sorted = nodes.map((n) => keys[n] as string).sort(byCodeUnit);
    loops.push(Object.freeze({ id, members: Object.freeze(sorted) }));
    const ids = Object.freeze([id]);
    const roleOf = new Map<string, LoopRole>();
    sorted.forEach((key, i) => roleOf.set(key, i === 0 ? 'start_loop' : i === sorted.length - 1 ? 'end_loop' : 'in_loop'));
    for (const n of nodes) info[n] = Object.freeze({ level: 1, role: roleOf.get(keys[n] as string) as LoopRole, ids });
  }
  return { loops, info, componentOf };
}
