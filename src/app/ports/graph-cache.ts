import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';

/** The in-process cache of compiled graphs, by id (frozen graphs are shared, never cloned). */
export interface GraphCache {
  get(id: string): CompiledGraph | undefined;
  set(id: string, graph: CompiledGraph): void;
}
