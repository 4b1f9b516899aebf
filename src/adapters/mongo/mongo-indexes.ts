import type { Db, IndexDescription } from 'mongodb';
import { DEFAULT_NAMESPACE } from '../../domain/namespace.js';

/** Collection names of the MongoDB stores. */
export const COLLECTIONS = {
  executions: 'executions',
  outputs: 'execution_outputs',
  events: 'events',
  graphs: 'graphs',
  idempotency: 'idempotency',
  tasks: 'tasks',
  schedules: 'schedules',
} as const;

/**
 * Every index the service's queries need, created at start-up, with the query each one serves.
 * Lookups by `_id` (get/update/claim/release of an execution, graphs, idempotency records, outside
 * outputs by `${execution_id}:${ref}`, get/extend/finish of a task) use the built-in `_id` index.
 */
export const INDEXES: Readonly<Record<keyof typeof COLLECTIONS, readonly IndexDescription[]>> = {
  executions: [
    // Every listing is of one namespace (ListExecutions answers a caller's namespace only).
    // list() with no filter, or only a created range and/or the `after` cursor: newest first.
    { key: { namespace: 1, created_at: -1, _id: -1 }, name: 'ns_created_desc' },
    // list({ statuses }) newest first.
    { key: { namespace: 1, status: 1, created_at: -1, _id: -1 }, name: 'ns_status_created_desc' },
    // list({ graphId }) newest first.
    { key: { namespace: 1, graph_id: 1, created_at: -1, _id: -1 }, name: 'ns_graph_created_desc' },
    // list({ labels }) newest first: multikey on the `key=value` terms.
    { key: { namespace: 1, labels: 1, created_at: -1, _id: -1 }, name: 'ns_labels_created_desc' },
    // list({ parentExecutionId }) newest first: the children of an execution.
    { key: { namespace: 1, parent_id: 1, created_at: -1, _id: -1 }, name: 'ns_parent_created_desc' },
    // due(now): next_wake_at ≤ now, soonest first (executions with no wake-up hold null, never ≤ now).
    { key: { next_wake_at: 1, _id: 1 }, name: 'next_wake' },
    // orphaned(now): a lease that expired unreleased (0 < lease.until ≤ now), longest expired first.
    { key: { 'lease.until': 1, _id: 1 }, name: 'lease_until' },
    // expired(endedBefore): ended executions last written before the cutoff, oldest first (retention).
    { key: { status: 1, updated_at: 1 }, name: 'status_updated' },
    // expired(endedBefore, { only }): the same, for a namespace with its own retention.
    { key: { namespace: 1, status: 1, updated_at: 1 }, name: 'ns_status_updated' },
  ],
  // collectGarbage(): outputs still uncommitted, oldest first (the rest is read by `_id`, see above).
  outputs: [
    { key: { committed: 1, written_at: 1 }, name: 'committed_written' },
    // remove(id): the outside outputs of an execution (retention).
    { key: { execution_id: 1 }, name: 'execution' },
  ],
  events: [
    // append() inserts by _id (execution id and seq) and replaces only rows of an epoch ≤ its own;
    // read() scans seq > after in order; unique, so an event per seq exists once.
    { key: { execution_id: 1, seq: 1 }, name: 'execution_seq', unique: true },
  ],
  // existing(ids, namespace) reads by `_id` and checks the registrations of the few rows found.
  graphs: [],
  // removeCreatedBefore(): records older than the retention.
  idempotency: [{ key: { scope: 1, created_at: 1 }, name: 'scope_created' }],
  tasks: [
    // claim(namespace, types): open tasks of the namespace and types, oldest first (the lease and
    // timeout are checked on the matching entries).
    { key: { namespace: 1, status: 1, task_type: 1, created_at: 1, _id: 1 }, name: 'ns_status_type_created' },
    // removeForExecution(): the tasks of an execution (retention).
    { key: { execution_id: 1 }, name: 'execution' },
  ],
  schedules: [
    // due(before): wake-ups at or before a time, soonest first (a schedule with nothing coming holds null).
    { key: { wake_at: 1, _id: 1 }, name: 'wake_at' },
    // list(namespace, afterId): a namespace's schedules in id order.
    { key: { namespace: 1, schedule_id: 1 }, name: 'ns_schedule_id' },
  ],
};

/** Indexes of earlier versions that INDEXES replaced (the same queries before namespaces), dropped at start-up. */
const RETIRED_INDEXES: Readonly<Partial<Record<keyof typeof COLLECTIONS, readonly string[]>>> = {
  executions: ['created_desc', 'status_created_desc', 'graph_created_desc', 'labels_created_desc', 'parent_created_desc'],
  tasks: ['status_type_created'],
};

/**
 * Creates the indexes of INDEXES that do not exist yet, one per command (FerretDB v1 fails a
 * createIndexes of several indexes that all exist already), and every collection; drops retired
 * indexes. Rows written before namespaces existed belong to the default namespace: they get the
 * field first (idempotent, so replicas starting together do it harmlessly twice).
 */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const [collection, indexes] of Object.entries(INDEXES) as [keyof typeof COLLECTIONS, readonly IndexDescription[]][]) {
    const name = COLLECTIONS[collection];
    await createCollectionIfMissing(db, name);
    await adoptIntoDefaultNamespace(db, collection);
    const existing = new Set((await db.collection(name).indexes()).map((index) => index.name));
    for (const index of indexes) {
      if (!existing.has(index.name)) await db.collection(name).createIndexes([index]);
    }
    for (const retired of RETIRED_INDEXES[collection] ?? []) {
      if (existing.has(retired)) await db.collection(name).dropIndex(retired).catch(ignoreMissingIndex);
    }
  }
}

/** Rows stored before namespaces existed are the default namespace's. */
async function adoptIntoDefaultNamespace(db: Db, collection: keyof typeof COLLECTIONS): Promise<void> {
  if (collection === 'executions' || collection === 'tasks') {
    await db.collection(COLLECTIONS[collection]).updateMany({ namespace: { $exists: false } }, { $set: { namespace: DEFAULT_NAMESPACE } });
  } else if (collection === 'graphs') {
    await db.collection(COLLECTIONS.graphs).updateMany({ namespaces: { $exists: false } }, { $set: { namespaces: [DEFAULT_NAMESPACE] } });
  }
}

/** Another replica dropped the index first (IndexNotFound). */
function ignoreMissingIndex(error: unknown): void {
  if ((error as { code?: number }).code !== 27) throw error;
}

/** Creates a collection up front so that the first write does not race its implicit creation. */
async function createCollectionIfMissing(db: Db, name: string): Promise<void> {
  const existing = await db.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length > 0) return;
  try {
    await db.createCollection(name);
  } catch (error) {
    // Another replica created it in between (NamespaceExists).
    if ((error as { code?: number }).code !== 48) throw error;
  }
}
