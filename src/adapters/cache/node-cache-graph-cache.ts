import NodeCache from 'node-cache';
import type { GraphCache } from '../../app/ports/graph-cache.js';
import type { CompiledGraph } from '../../nodes/kit/compiled-graph.js';

/**
 * The in-process graph cache on node-cache, without clones: graphs are frozen and shared by every
 * execution (node-cache would otherwise deep-copy on every get and set).
 */
export class NodeCacheGraphCache implements GraphCache {
  private readonly cache: NodeCache;

  constructor(options: { ttlSeconds?: number; maxGraphs?: number } = {}) {
    this.cache = new NodeCache({
      useClones: false,
      stdTTL: options.ttlSeconds ?? 0,
      checkperiod: options.ttlSeconds === undefined ? 0 : 60,
      maxKeys: options.maxGraphs ?? -1,
    });
  }

  get(id: string): CompiledGraph | undefined {
    return this.cache.get<CompiledGraph>(id);
  }

  set(id: string, graph: CompiledGraph): void {
    try {
      this.cache.set(id, graph);
    } catch {
      // maxKeys reached: the graph stays in the store and is rebuilt on the next miss
    }
  }

  /** Stops node-cache's expiry timer. */
  close(): void {
    this.cache.close();
  }
}
