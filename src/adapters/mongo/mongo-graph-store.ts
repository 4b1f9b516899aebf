import type { Collection } from 'mongodb';
import type { GraphStore, StoredGraph } from '../../app/ports/graph-store.js';
import type { WorkflowDefinition } from '../../domain/workflow.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** A compiled graph in the `graphs` collection, by content hash. */
export interface GraphRow {
  _id: string;
  compiler_version: string;
  created_at: Date;
  /** The workflow definition as JSON text. */
  definition: string;
  /** The namespaces the graph is registered in (every namespace that compiled it). */
  namespaces: string[];
}

/**
 * Compiled graphs in MongoDB; ids are content hashes, so saving an existing id keeps the stored
 * definition and only adds the namespace to its registrations (one atomic upsert).
 */
export class MongoGraphStore implements GraphStore {
  constructor(private readonly graphs: Collection<GraphRow>) {}

  save(graph: StoredGraph, namespace: string): Promise<void> {
    return guard('save graph', async () => {
      const upsert = (): Promise<unknown> =>
        this.graphs.updateOne(
          { _id: graph.id },
          {
            $setOnInsert: { compiler_version: graph.compilerVersion, created_at: new Date(graph.createdAt), definition: JSON.stringify(graph.definition) },
            $addToSet: { namespaces: namespace },
          },
          { upsert: true },
        );
      try {
        await upsert();
      } catch (error) {
        // Two replicas inserted the same new graph at once: the loser's upsert is an update now.
        if (!isDuplicateKey(error)) throw error;
        await upsert();
      }
    });
  }

  load(id: string): Promise<StoredGraph | null> {
    return guard('load graph', async () => {
      const row = await this.graphs.findOne({ _id: id });
      if (row === null) return null;
      return {
        id: row._id,
        compilerVersion: row.compiler_version,
        createdAt: row.created_at.getTime(),
        definition: JSON.parse(row.definition) as WorkflowDefinition,
      };
    });
  }

  existing(ids: readonly string[], namespace: string): Promise<Set<string>> {
    return guard('find graphs', async () => {
      if (ids.length === 0) return new Set<string>();
      const rows = await this.graphs.find({ _id: { $in: [...new Set(ids)] }, namespaces: namespace }, { projection: { _id: 1 } }).toArray();
      return new Set(rows.map((row) => row._id));
    });
  }
}
