import { MongoClient } from 'mongodb';
import { StoreUnavailable } from '../../app/ports/execution-store.js';
import type { EventLog } from '../../app/ports/event-log.js';
import type { GraphStore } from '../../app/ports/graph-store.js';
import type { IdempotencyStore } from '../../app/ports/idempotency-store.js';
import type { ScheduleStore } from '../../app/ports/schedule-store.js';
import type { TaskStore } from '../../app/ports/task-store.js';
import type { FactsResolver } from '../document/graph-facts.js';
import type { ExecutionStoreLimits } from '../document/store-limits.js';
import type { ExecutionRow } from './execution-row.js';
import { storeError } from './mongo-errors.js';
import { MongoAvailability } from './mongo-availability.js';
import type { StoreAvailability } from '../../app/ports/store-availability.js';
import { MongoEventLog, type EventRow } from './mongo-event-log.js';
import { MongoExecutionStore, type OutputRow } from './mongo-execution-store.js';
import { MongoGraphStore, type GraphRow } from './mongo-graph-store.js';
import { MongoIdempotencyStore, type IdempotencyRow } from './mongo-idempotency-store.js';
import { COLLECTIONS, ensureIndexes } from './mongo-indexes.js';
import { MongoScheduleStore, type ScheduleRow } from './mongo-schedule-store.js';
import { MongoTaskStore, type TaskRow } from './mongo-task-store.js';

/** Settings of the MongoDB connection. */
export interface MongoConnectOptions {
  /** The database holding every collection. */
  readonly dbName: string;
  /** How long to look for a server before an operation fails with StoreUnavailable (default 5000 ms). */
  readonly serverSelectionTimeoutMS?: number;
  /** How often the driver checks the server (default 1000 ms): how soon an outage's end is noticed. */
  readonly heartbeatFrequencyMS?: number;
  /** Name reported to the server (default "prana"). */
  readonly appName?: string;
}

/** Settings of the MongoDB stores: the connection's, the document limits, and the graph facts. */
export interface MongoStoreOptions extends MongoConnectOptions, ExecutionStoreLimits {
  /** Gives the codec the graph facts of an execution's graph. */
  readonly facts: FactsResolver;
}

/** The MongoDB stores over one client, and whether the server can be reached; `close()` disconnects. */
export interface MongoStores {
  readonly availability: StoreAvailability;
  readonly executions: MongoExecutionStore;
  readonly events: EventLog;
  readonly graphs: GraphStore;
  readonly idempotency: IdempotencyStore;
  readonly tasks: TaskStore;
  readonly schedules: ScheduleStore;
  close(): Promise<void>;
}

/**
 * A connected MongoDB with its indexes made: the graph store at once (graphs need nothing else), and
 * the other stores once the graph facts can be resolved (through a graph repository over that store).
 */
export interface MongoConnection {
  readonly availability: StoreAvailability;
  readonly graphs: GraphStore;
  stores(facts: FactsResolver, limits?: ExecutionStoreLimits): MongoStores;
  close(): Promise<void>;
}

/**
 * Connects to MongoDB and creates every index the service's queries need (mongo-indexes.ts). A server
 * that cannot be reached raises StoreUnavailable after the selection timeout.
 */
export async function connectMongo(uri: string, options: MongoConnectOptions): Promise<MongoConnection> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5000,
    heartbeatFrequencyMS: options.heartbeatFrequencyMS ?? 1000,
    appName: options.appName ?? 'prana',
  });
  const availability = new MongoAvailability(client);
  try {
    await client.connect();
    await ensureIndexes(client.db(options.dbName));
  } catch (error) {
    await client.close().catch(() => undefined);
    const mapped = storeError(error, 'connect');
    throw mapped instanceof StoreUnavailable ? mapped : new StoreUnavailable(`MongoDB set-up failed: ${(error as Error).message}`, { cause: error });
  }
  const db = client.db(options.dbName);
  const graphs = new MongoGraphStore(db.collection<GraphRow>(COLLECTIONS.graphs));
  const close = (): Promise<void> => client.close();
  return {
    availability,
    graphs,
    close,
    stores: (facts, limits = {}) => ({
      availability,
      executions: new MongoExecutionStore(db.collection<ExecutionRow>(COLLECTIONS.executions), db.collection<OutputRow>(COLLECTIONS.outputs), facts, limits),
      events: new MongoEventLog(db.collection<EventRow>(COLLECTIONS.events)),
      graphs,
      idempotency: new MongoIdempotencyStore(db.collection<IdempotencyRow>(COLLECTIONS.idempotency)),
      tasks: new MongoTaskStore(db.collection<TaskRow>(COLLECTIONS.tasks)),
      schedules: new MongoScheduleStore(db.collection<ScheduleRow>(COLLECTIONS.schedules)),
      close,
    }),
  };
}

/** Connects and returns every store at once, for a caller whose graph facts need no store (tests). */
export async function createMongoStores(uri: string, options: MongoStoreOptions): Promise<MongoStores> {
  const connection = await connectMongo(uri, options);
  return connection.stores(options.facts, options);
}
