import type { Execution, ExecutionStatus } from '../../domain/execution.js';

/** Who may drive an execution right now: a replica holding a time-bounded lease. */
export interface Lease {
  readonly owner: string;
  /** Increases every time the lease changes hands. */
  readonly epoch: number;
  /** Epoch ms after which another replica may take the execution over. */
  readonly until: number;
}

/**
 * Work a write leaves owed to other records: stored with that write (an outbox), so that whoever holds
 * the execution's lease next (this replica, or any replica once the lease expired) carries it out.
 * Every effect is idempotent. While effects are outstanding the record keeps a lease.
 */
export type PendingEffect =
  /** Cancel these children (they were sync or async children of a run that stopped waiting). */
  | { readonly kind: 'cancel_children'; readonly executionIds: readonly string[]; readonly reason: string }
  /** Cancel this external task (its run stopped waiting). */
  | { readonly kind: 'cancel_task'; readonly taskId: string }
  /** Tell the parent that this child ended (it may be waiting for it): the child's parent link. */
  | { readonly kind: 'notify_parent'; readonly parentExecutionId: string; readonly parentNodeKey: string; readonly parentRunIndex: number }
  /** Look whether what the current suspension waits on already happened (children ended, task finished). */
  | { readonly kind: 'check_suspension' };

/** An execution as stored: the execution plus the fields the store indexes and guards writes with. */
export interface ExecutionRecord {
  readonly execution: Execution;
  /** Optimistic concurrency: every write is conditional on the revision read. */
  readonly revision: number;
  /** When the service must next look at this execution (a wake-up, a due child), epoch ms. */
  readonly nextWakeAt: number | null;
  readonly lease: Lease | null;
  /** Work owed after the write (see PendingEffect); empty for most records. */
  readonly effects: readonly PendingEffect[];
  readonly updatedAt: number;
}

/** An execution whose wake-up time comes at `at` (epoch ms). */
export interface DueWake {
  readonly id: string;
  readonly at: number;
}

/** Filters of ListExecutions; every given filter must match. */
export interface ExecutionQuery {
  /** Only executions of this namespace (see domain/namespace.ts). */
  readonly namespace: string;
  readonly statuses?: readonly ExecutionStatus[];
  readonly graphId?: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Inclusive lower bound on created_at, epoch ms. */
  readonly createdAfter?: number;
  /** Exclusive upper bound on created_at, epoch ms. */
  readonly createdBefore?: number;
  readonly parentExecutionId?: string;
  readonly limit: number;
  /** Continue after this position (newest first: created_at, then id, both descending). */
  readonly after?: { readonly createdAt: number; readonly id: string };
}

/** A summary row of a listing: enough to page and to show, without the audit trail. */
export interface ExecutionSummary {
  readonly execution: Execution;
  readonly revision: number;
}

/** Options of `ExecutionStore.update`. */
export interface WriteOptions {
  /**
   * Writes a minimal document: identity, status, engine error, cancel, times and seq, without the audit
   * trail, state, contexts, frontier or preparation (and without input and variables if those still do
   * not fit). Records an execution that outgrew the size limit as failed with `execution_too_large`.
   */
  readonly minimal?: boolean;
}

/**
 * Where executions live. Every write is conditional on the revision; a lost
 * race raises `StoreConflict`, never a silent overwrite.
 */
export interface ExecutionStore {
  /** Inserts a new execution at revision 1. A used id raises StoreConflict('exists'). */
  insert(record: Omit<ExecutionRecord, 'revision'>): Promise<ExecutionRecord>;
  /** The execution; with `namespace`, only when it belongs to that namespace (else null). */
  get(id: string, namespace?: string): Promise<ExecutionRecord | null>;
  /**
   * Writes the record if the stored revision is `expectedRevision` (else StoreConflict('revision')) and
   * returns the new record, with the execution as stored. A document over the size limit raises
   * DocumentTooLarge and writes nothing.
   */
  update(record: Omit<ExecutionRecord, 'revision'>, expectedRevision: number, options?: WriteOptions): Promise<ExecutionRecord>;
  /**
   * Takes or renews the lease of an execution for `owner` until `leaseUntil`: succeeds when the lease
   * is free, expired (until ≤ now) or already the owner's; the epoch increases when the lease changes
   * hands. Increments the revision, so a write based on an earlier read fails (fencing off a previous
   * owner). Returns the record as claimed, or null when another owner holds the lease or there is no
   * such execution.
   */
  claim(id: string, owner: string, leaseUntil: number, now: number): Promise<ExecutionRecord | null>;
  /**
   * Extends the lease `owner` holds at `epoch` until `until` (a replica still working on the execution).
   * Leaves the revision alone; returns false when that lease is no longer held (another owner took it).
   */
  renew(id: string, owner: string, epoch: number, until: number): Promise<boolean>;
  /**
   * Ends the lease `owner` holds at `epoch` at once (it expires with until = 0, so it is not an orphan;
   * owner and epoch stay, so epochs only grow). Leaves the revision alone. Returns false when that
   * lease is no longer held.
   */
  release(id: string, owner: string, epoch: number): Promise<boolean>;
  /**
   * Records that some pending effects were carried out: the record keeps `remaining`, and with
   * `release` its lease ends as in `release`. Conditional on `owner` holding the lease at `epoch`;
   * leaves the revision alone. Returns false when that lease is no longer held.
   */
  finishEffects(id: string, owner: string, epoch: number, remaining: readonly PendingEffect[], release: boolean): Promise<boolean>;
  /** Newest first. */
  list(query: ExecutionQuery): Promise<ExecutionSummary[]>;
  /**
   * Executions with next_wake_at ≤ `until` whose lease is free or expired at `now`, soonest first (then
   * by id), with their wake-up times: those due now, and those a replica arms a timer for.
   */
  due(until: number, now: number, limit: number): Promise<DueWake[]>;
  /**
   * Ids of executions, whatever their status, whose lease expired without being released or cleared by
   * a write (0 < until ≤ now): the owner stopped in the middle of something. Longest expired first.
   */
  orphaned(now: number, limit: number): Promise<string[]>;
  /**
   * Deletes outputs kept outside execution documents that were written before `writtenBefore` by a write
   * that never committed (it lost a race or its writer stopped), up to `limit` of them; an output a
   * stored execution references is kept. Returns how many were deleted.
   */
  collectGarbage(writtenBefore: number, limit: number): Promise<number>;
  /**
   * Executions past retention: completed, failed or cancelled, last written before `endedBefore`,
   * with no lease and no work owed; oldest first, at most `limit`, with their parent's id. With
   * `namespaces`, only those of one namespace, or of every namespace but some.
   */
  expired(endedBefore: number, limit: number, namespaces?: NamespaceFilter): Promise<ExpiredExecution[]>;
  /** Deletes an ended execution and its outside outputs; one that is not ended (or is gone) is left alone. */
  remove(id: string): Promise<void>;
}

/** Which namespaces a query covers: one, or all but some. */
export type NamespaceFilter = { readonly only: string } | { readonly except: readonly string[] };

/** True when `namespace` passes the filter. */
export function passesNamespaceFilter(filter: NamespaceFilter | undefined, namespace: string): boolean {
  if (filter === undefined) return true;
  return 'only' in filter ? filter.only === namespace : !filter.except.includes(namespace);
}

/** An execution past retention. */
export interface ExpiredExecution {
  readonly id: string;
  readonly parentId: string | null;
}

/** A write lost a race or hit an existing key. */
export class StoreConflict extends Error {
  constructor(
    readonly kind: 'exists' | 'revision',
    message: string,
  ) {
    super(message);
    this.name = 'StoreConflict';
  }
}

/** The store could not be reached (maps to UNAVAILABLE). */
export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/** A document would exceed the configured size limit (maps to execution_too_large). */
export class DocumentTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`execution document is ${bytes} bytes; the limit is ${limit}`);
    this.name = 'DocumentTooLarge';
  }
}
