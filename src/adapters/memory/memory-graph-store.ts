import type { GraphStore, StoredGraph } from '../../app/ports/graph-store.js';

/** Graphs kept in process memory as JSON text (the default store when no MongoDB is configured). */
export class MemoryGraphStore implements GraphStore {
  private readonly graphs = new Map<string, string>();

  async save(graph: StoredGraph): Promise<void> {
    if (!this.graphs.has(graph.id)) this.graphs.set(graph.id, JSON.stringify(graph));
  }

  async load(id: string): Promise<StoredGraph | null> {
    const text = this.graphs.get(id);
    return text === undefined ? null : (JSON.parse(text) as StoredGraph);
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.graphs.has(id)));
  }
}
