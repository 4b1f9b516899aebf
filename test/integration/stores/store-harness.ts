// What a store contract runs against: a way to open fresh stores of one implementation.
import { afterAll, beforeAll, type TestContext } from 'vitest';
import type { EventLog } from '../../../src/app/ports/event-log.js';
import type { ExecutionStore } from '../../../src/app/ports/execution-store.js';
import type { GraphStore } from '../../../src/app/ports/graph-store.js';
import type { IdempotencyStore } from '../../../src/app/ports/idempotency-store.js';
import type { ScheduleStore } from '../../../src/app/ports/schedule-store.js';
import type { TaskStore } from '../../../src/app/ports/task-store.js';
import type { ExecutionStoreLimits } from '../../../src/adapters/document/store-limits.js';

/** One set of the stores, empty when opened. */
export interface StoresUnderTest {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly graphs: GraphStore;
  readonly idempotency: IdempotencyStore;
  readonly tasks: TaskStore;
  readonly schedules: ScheduleStore;
  /**
   * True when the server applies a conditional write (update filter, findOneAndUpdate) atomically, as
   * MongoDB does for single documents. FerretDB v1 does not: its handlers query, then write by _id,
   * outside a transaction (FerretDB issue 3040), so concurrent writers can both "win" there.
   */
  readonly atomicWrites: boolean;
  /** Bytes of the stored document of an execution, as the implementation keeps it. */
  documentBytes(id: string): Promise<number | null>;
  /** Closes the stores and discards their data. */
  close(): Promise<void>;
}

/** An implementation under test. */
export interface StoreHarness {
  readonly name: string;
  /** Opens empty stores with these size limits. */
  open(limits?: ExecutionStoreLimits): Promise<StoresUnderTest>;
}

/** Opens empty stores before the enclosing suite's tests and closes them after its last test. */
export function useStores(harness: StoreHarness, limits?: ExecutionStoreLimits): () => StoresUnderTest {
  let stores: StoresUnderTest | undefined;
  beforeAll(async () => {
    stores = await harness.open(limits);
  });
  afterAll(async () => {
    await stores?.close();
    stores = undefined;
  });
  return () => {
    if (stores === undefined) throw new Error('stores are open only inside the suite');
    return stores;
  };
}

/** Skips a test of concurrent conditional writes on a server that cannot apply them atomically. */
export function needsAtomicWrites(context: TestContext, stores: StoresUnderTest): void {
  context.skip(!stores.atomicWrites, 'the server does not apply conditional writes atomically (FerretDB v1, issue 3040)');
}

/** Settles all promises and splits them into values and errors. */
export async function settle<T>(promises: readonly Promise<T>[]): Promise<{ values: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const values: T[] = [];
  const errors: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') values.push(result.value);
    else errors.push(result.reason);
  }
  return { values, errors };
}
