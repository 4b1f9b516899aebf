import { isTerminal } from '../../domain/execution.js';
import type { EventLog } from '../ports/event-log.js';
import type { ExecutionStore, NamespaceFilter } from '../ports/execution-store.js';
import { EXECUTION_ID_SCOPE, TICK_DECISION_PREFIX, type IdempotencyStore } from '../ports/idempotency-store.js';
import type { TaskStore } from '../ports/task-store.js';

/** How many expired executions (and idempotency records) one sweep deletes at most. */
const RETENTION_BATCH = 100;

/**
 * Records remembered for the retention time, then forgotten: StartExecution and Resume request ids.
 * Records of resume tokens stay: a recorded Resume that a crash left unapplied is applied from it.
 */
const AGED_SCOPES = ['start', 'resume'];

/** The stores a sweep deletes from. */
export interface RetentionStores {
  readonly executions: ExecutionStore;
  readonly events: EventLog;
  readonly tasks: TaskStore;
  readonly idempotency: IdempotencyStore;
}

/** How long ended executions are kept: by default, and for namespaces with their own time (0 keeps them). */
export interface Retention {
  readonly defaultMs: number;
  readonly byNamespace: Readonly<Record<string, number>>;
}

/**
 * Deletes executions that ended longer ago than their namespace's retention, with their events, tasks
 * and outside outputs, and request-id records and schedule tick decisions older than the default
 * retention (a request id is remembered that long). The execution record goes last: a crash part-way leaves an ended execution
 * that the next sweep, on any replica, finds and finishes deleting. A child whose parent has not ended
 * is kept, since the parent may still read its result. Returns how many executions were deleted.
 */
export async function sweepExpired(stores: RetentionStores, now: number, retention: Retention): Promise<number> {
  const overridden = Object.keys(retention.byNamespace);
  let removed = 0;
  for (const namespace of overridden) {
    const ms = retention.byNamespace[namespace] as number;
    if (ms > 0) removed += await sweepOnce(stores, now - ms, { only: namespace });
  }
  if (retention.defaultMs <= 0) return removed;
  const cutoff = now - retention.defaultMs;
  removed += await sweepOnce(stores, cutoff, overridden.length === 0 ? undefined : { except: overridden });
  await stores.idempotency.removeCreatedBefore(cutoff, AGED_SCOPES, RETENTION_BATCH);
  // Schedule ticks decided not to start (they have no execution to go with).
  await stores.idempotency.removeCreatedBefore(cutoff, [EXECUTION_ID_SCOPE], RETENTION_BATCH, TICK_DECISION_PREFIX);
  return removed;
}

/** One batch of the executions of `namespaces` that ended before `cutoff`. */
async function sweepOnce(stores: RetentionStores, cutoff: number, namespaces: NamespaceFilter | undefined): Promise<number> {
  let removed = 0;
  for (const expired of await stores.executions.expired(cutoff, RETENTION_BATCH, namespaces)) {
    if (expired.parentId !== null) {
      const parent = await stores.executions.get(expired.parentId);
      if (parent !== null && !isTerminal(parent.execution.status)) continue;
    }
    await stores.events.removeAll(expired.id);
    await stores.tasks.removeForExecution(expired.id);
    await stores.idempotency.remove(EXECUTION_ID_SCOPE, expired.id);
    await stores.executions.remove(expired.id);
    removed++;
  }
  return removed;
}
