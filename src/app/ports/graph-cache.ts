import type { ExecutionGraph } from '../../compiler/execution-graph.js';

/** The in-process cache of compiled graphs, by id (frozen graphs are shared, never cloned). */
export interface GraphCache {
  get(id: string): ExecutionGraph | undefined;
  set(id: string, graph: ExecutionGraph): void;
}
