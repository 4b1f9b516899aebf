import type { WorkflowDefinition } from '../../domain/workflow.js';

/** A compiled graph as persisted: the definition it was compiled from, by content hash. */
export interface StoredGraph {
  readonly id: string;
  readonly compilerVersion: string;
  readonly definition: WorkflowDefinition;
  readonly createdAt: number;
}

/**
 * Where compiled graphs are persisted so any replica can load them. A graph is stored once by its
 * content hash and registered in every namespace that compiled it; callers of a namespace reach only
 * the graphs registered there.
 */
export interface GraphStore {
  /** Saves a graph (saving an id that exists keeps the stored one: ids are content hashes) and registers it in `namespace`. */
  save(graph: StoredGraph, namespace: string): Promise<void>;
  /** The graph, whatever namespaces registered it (the runtime loads the graphs of stored executions). */
  load(id: string): Promise<StoredGraph | null>;
  /** Which of these ids are registered in `namespace`. */
  existing(ids: readonly string[], namespace: string): Promise<Set<string>>;
}
