import type { WorkflowDefinition } from '../../domain/workflow.js';

/** A compiled graph as persisted: the definition it was compiled from, by content hash. */
export interface StoredGraph {
  readonly id: string;
  readonly compilerVersion: string;
  readonly definition: WorkflowDefinition;
  readonly createdAt: number;
}

/** Where compiled graphs are persisted so any replica can load them. */
export interface GraphStore {
  /** Saves a graph; saving an id that exists is a no-op (ids are content hashes). */
  save(graph: StoredGraph): Promise<void>;
  load(id: string): Promise<StoredGraph | null>;
  /** Which of these ids exist. */
  existing(ids: readonly string[]): Promise<Set<string>>;
}
