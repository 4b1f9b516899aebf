import type { GraphStore, StoredGraph } from '../../app/ports/graph-store.js';

/** Graphs kept in process memory as JSON text (the default store when no MongoDB is configured). */
export class MemoryGraphStore implements GraphStore {
  private readonly graphs = new Map<string, { readonly text: string; readonly namespaces: Set<string> }>();

  async save(graph: StoredGraph, namespace: string): Promise<void> {
    const stored = this.graphs.get(graph.id);
    if (stored === undefined) this.graphs.set(graph.id, { text: JSON.stringify(graph), namespaces: new Set([namespace]) });
    else stored.namespaces.add(namespace);
  }

  async load(id: string): Promise<StoredGraph | null> {
    const stored = this.graphs.get(id);
    return stored === undefined ? null : (JSON.parse(stored.text) as StoredGraph);
  }

  async existing(ids: readonly string[], namespace: string): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.graphs.get(id)?.namespaces.has(namespace) === true));
  }
}
