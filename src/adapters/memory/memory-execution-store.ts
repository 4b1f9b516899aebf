import { passesNamespaceFilter, type ExpiredExecution, type NamespaceFilter } from '../../app/ports/execution-store.js';
import { isTerminal } from '../../domain/execution.js';
import { namespaceOfId } from '../../domain/namespace.js';
import type {
  DueWake,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStore,
  ExecutionSummary,
  Lease,
  PendingEffect,
  WriteOptions,
} from '../../app/ports/execution-store.js';
import { StoreConflict } from '../../app/ports/execution-store.js';
import type { Execution, ExecutionStatus } from '../../domain/execution.js';
import type { ExecutionDocument, GraphFacts } from '../document/execution-codec.js';
import { outsideOutputRefs } from '../document/execution-codec.js';
import { ExecutionSerializer, type SerializedExecution } from '../document/execution-serializer.js';
import type { FactsResolver } from '../document/graph-facts.js';
import { claimedLease, leaseFree } from '../document/lease-claim.js';
import { DEFAULT_INLINE_OUTPUT_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, type ExecutionStoreLimits } from '../document/store-limits.js';
import { planWrite, type RowShape } from '../document/write-plan.js';
import { CreationOrder } from './creation-order.js';
import { TimeIndex } from './time-index.js';

/** One stored execution: the document as JSON text plus the indexed fields. */
interface Row {
  readonly id: string;
  readonly text: string;
  readonly revision: number;
  readonly status: ExecutionStatus;
  readonly graphId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly parentId: string | null;
  readonly nextWakeAt: number | null;
  readonly lease: Lease | null;
  readonly effects: readonly PendingEffect[];
  readonly updatedAt: number;
}

/**
 * How many ended executions the memory store keeps (0: all), and what to remove with each it lets go
 * (its events, tasks and id reservation in the other memory stores).
 */
export interface MemoryBound {
  readonly maxEnded?: number;
  readonly onEvict?: (id: string) => void;
}

/** A row before the store gives it a revision and the record's fields. */
type Body = Pick<Row, 'id' | 'text' | 'status' | 'graphId' | 'labels' | 'createdAt' | 'parentId'>;

const BODY: RowShape<Body> = {
  toRow: (serialized: SerializedExecution, execution: Execution): Body => ({
    id: execution.id,
    text: serialized.text,
    status: execution.status,
    graphId: execution.graphId,
    labels: { ...execution.labels },
    createdAt: execution.createdAt,
    parentId: execution.parent?.parentExecutionId ?? null,
  }),
  bytes: (body) => Buffer.byteLength(body.text),
};

/**
 * Executions kept in process memory as encoded documents (the same codec and outside-output rules
 * as MongoDB), so a stored execution is a snapshot independent of the live object. Every write is
 * conditional on the revision; each method does its asynchronous work (resolving graph facts) before
 * a synchronous check-and-write, so concurrent calls cannot interleave inside one.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly rows = new Map<string, Row>();
  /** Rows with a wake-up time, by that time. */
  private readonly wakes = new TimeIndex();
  /** Rows under a lease that has not been released, by its end. */
  private readonly leases = new TimeIndex();
  /** Ended rows, by their last write. */
  private readonly ended = new TimeIndex();
  /** Rows of each namespace in creation order, for listings. */
  private readonly created = new CreationOrder();
  /** Outputs stored outside documents, by execution id and content ref. */
  private readonly outputs = new Map<string, string>();
  private readonly serializer: ExecutionSerializer;
  private readonly maxDocumentBytes: number;

  private readonly maxEnded: number;
  private readonly onEvict: (id: string) => void;

  constructor(
    private readonly facts: FactsResolver,
    limits: ExecutionStoreLimits = {},
    bound: MemoryBound = {},
  ) {
    this.maxDocumentBytes = limits.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.maxEnded = bound.maxEnded ?? 0;
    this.onEvict = bound.onEvict ?? (() => undefined);
    this.serializer = new ExecutionSerializer({ inlineOutputBytes: limits.inlineOutputBytes ?? DEFAULT_INLINE_OUTPUT_BYTES });
  }

  async insert(record: Omit<ExecutionRecord, 'revision'>): Promise<ExecutionRecord> {
    const plan = planWrite(this.serializer, record.execution, await this.facts(record.execution.graphId), BODY, this.maxDocumentBytes);
    const id = record.execution.id;
    if (this.rows.has(id)) throw new StoreConflict('exists', `execution ${id} exists`);
    this.storeOutputs(plan.serialized);
    this.put({
      ...plan.row,
      revision: 1,
      nextWakeAt: record.nextWakeAt,
      lease: record.lease,
      effects: copyEffects(record.effects),
      updatedAt: record.updatedAt,
    });
    return { ...record, execution: plan.execution, revision: 1 };
  }

  async get(id: string, namespace?: string): Promise<ExecutionRecord | null> {
    const row = this.rows.get(id);
    if (row === undefined || (namespace !== undefined && namespaceOfId(id) !== namespace)) return null;
    const facts = await this.facts(row.graphId);
    return this.record(this.rows.get(id) ?? row, facts);
  }

  async update(record: Omit<ExecutionRecord, 'revision'>, expectedRevision: number, options: WriteOptions = {}): Promise<ExecutionRecord> {
    const plan = planWrite(this.serializer, record.execution, await this.facts(record.execution.graphId), BODY, this.maxDocumentBytes, options);
    const id = record.execution.id;
    const current = this.rows.get(id);
    if (current === undefined || current.revision !== expectedRevision) {
      throw new StoreConflict('revision', `execution ${id} is at revision ${current?.revision ?? 'none'}, not ${expectedRevision}`);
    }
    this.storeOutputs(plan.serialized);
    const revision = expectedRevision + 1;
    this.put({
      ...plan.row,
      revision,
      nextWakeAt: record.nextWakeAt,
      lease: record.lease,
      effects: copyEffects(record.effects),
      updatedAt: record.updatedAt,
    });
    return { ...record, execution: plan.execution, revision };
  }

  async claim(id: string, owner: string, leaseUntil: number, now: number): Promise<ExecutionRecord | null> {
    const before = this.rows.get(id);
    if (before === undefined) return null;
    const facts = await this.facts(before.graphId);
    const current = this.rows.get(id);
    if (current === undefined) return null;
    const lease = claimedLease(current.lease, owner, leaseUntil, now);
    if (lease === null) return null;
    const row: Row = { ...current, lease, revision: current.revision + 1, updatedAt: now };
    this.put(row);
    return this.record(row, facts);
  }

  async renew(id: string, owner: string, epoch: number, until: number): Promise<boolean> {
    const current = this.held(id, owner, epoch);
    if (current === null) return false;
    this.put({ ...current, lease: { owner, epoch, until } });
    return true;
  }

  async release(id: string, owner: string, epoch: number): Promise<boolean> {
    const current = this.held(id, owner, epoch);
    if (current === null) return false;
    this.put({ ...current, lease: { owner, epoch, until: 0 } });
    return true;
  }

  async finishEffects(id: string, owner: string, epoch: number, remaining: readonly PendingEffect[], release: boolean): Promise<boolean> {
    const current = this.held(id, owner, epoch);
    if (current === null) return false;
    const lease = release ? { owner, epoch, until: 0 } : current.lease;
    this.put({ ...current, lease, effects: copyEffects(remaining) });
    return true;
  }

  /** Writes a row and keeps the indexes current; an ended row may push the oldest ended ones out. */
  private put(row: Row): void {
    if (!this.rows.has(row.id)) this.created.add(namespaceOfId(row.id), row.id, row.createdAt);
    this.rows.set(row.id, row);
    this.wakes.set(row.id, row.nextWakeAt);
    this.leases.set(row.id, row.lease !== null && row.lease.until > 0 ? row.lease.until : null);
    const ended = isTerminal(row.status);
    this.ended.set(row.id, ended ? row.updatedAt : null);
    if (ended && this.maxEnded > 0 && this.ended.size > this.maxEnded) this.evictEnded();
  }

  private drop(id: string): void {
    const row = this.rows.get(id);
    if (row !== undefined) this.created.remove(namespaceOfId(id), id, row.createdAt);
    this.rows.delete(id);
    this.wakes.set(id, null);
    this.leases.set(id, null);
    this.ended.set(id, null);
    const prefix = `${id}\u0000`;
    for (const key of [...this.outputs.keys()]) if (key.startsWith(prefix)) this.outputs.delete(key);
  }

  /**
   * Keeps at most `maxEnded` ended executions: removes the longest-ended ones that retention could
   * remove too (lease released, no pending effects, no parent still running), with what the other
   * stores hold of them.
   */
  private evictEnded(): void {
    const excess = this.ended.size - this.maxEnded;
    const removable = this.ended.earliest(Number.POSITIVE_INFINITY, excess, (id) => {
      const row = this.rows.get(id);
      return row !== undefined && this.removable(row);
    });
    for (const { id } of removable) {
      this.drop(id);
      this.onEvict(id);
    }
  }

  /** An ended row retention may delete: done with (see `settled`), and no parent still running. */
  private removable(row: Row): boolean {
    if (!settled(row)) return false;
    if (row.parentId === null) return true;
    const parent = this.rows.get(row.parentId);
    return parent === undefined || isTerminal(parent.status);
  }

  /** The row when `owner` holds its lease at `epoch`, else null. */
  private held(id: string, owner: string, epoch: number): Row | null {
    const current = this.rows.get(id);
    const lease = current?.lease ?? null;
    if (current === undefined || lease === null || lease.owner !== owner || lease.epoch !== epoch) return null;
    return current;
  }

  async list(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    const page: Row[] = [];
    const limit = Math.max(0, query.limit);
    if (limit > 0) {
      for (const id of this.created.newestFirst(query.namespace, query)) {
        const row = this.rows.get(id);
        if (row === undefined || !matchesQuery(row, query)) continue;
        page.push(row);
        if (page.length >= limit) break;
      }
    }
    const out: ExecutionSummary[] = [];
    for (const row of page) {
      const record = this.record(row, await this.facts(row.graphId));
      out.push({ execution: record.execution, revision: record.revision });
    }
    return out;
  }

  async due(until: number, now: number, limit: number): Promise<DueWake[]> {
    return this.wakes.earliest(until, Math.max(0, limit), (id) => leaseFree(this.rows.get(id)?.lease ?? null, now));
  }

  async orphaned(now: number, limit: number): Promise<string[]> {
    return this.leases.earliest(now, Math.max(0, limit), () => true).map((entry) => entry.id);
  }

  /** Outputs are stored only once a write's revision check passed, so no write leaves any behind. */
  async collectGarbage(): Promise<number> {
    return 0;
  }

  async expired(endedBefore: number, limit: number, namespaces?: NamespaceFilter): Promise<ExpiredExecution[]> {
    const found = this.ended.earliest(endedBefore, Math.max(0, limit), (id) => {
      const row = this.rows.get(id);
      return row !== undefined && row.updatedAt < endedBefore && passesNamespaceFilter(namespaces, namespaceOfId(id)) && settled(row);
    });
    return found.map(({ id }) => ({ id, parentId: this.rows.get(id)?.parentId ?? null }));
  }

  async remove(id: string): Promise<void> {
    const row = this.rows.get(id);
    if (row === undefined || !isTerminal(row.status)) return;
    this.drop(id);
  }

  /** Bytes of the stored document of an execution (for size reports), or null when absent. */
  documentBytes(id: string): number | null {
    const row = this.rows.get(id);
    return row === undefined ? null : Buffer.byteLength(row.text);
  }

  private storeOutputs(serialized: SerializedExecution): void {
    for (const output of serialized.outputs) this.outputs.set(`${output.executionId}\u0000${output.ref}`, output.text);
    this.serializer.markStored(serialized.outputs);
  }

  private record(row: Row, facts: GraphFacts): ExecutionRecord {
    const doc = JSON.parse(row.text) as ExecutionDocument;
    const outside = new Map<string, string>();
    for (const ref of outsideOutputRefs(doc)) {
      const text = this.outputs.get(`${row.id}\u0000${ref}`);
      if (text !== undefined) outside.set(ref, text);
    }
    const execution = this.serializer.deserialize(doc, facts, outside);
    return { execution, revision: row.revision, nextWakeAt: row.nextWakeAt, lease: row.lease, effects: copyEffects(row.effects), updatedAt: row.updatedAt };
  }
}

/** Effects are plain data; the store keeps and hands out copies of its own. */
function copyEffects(effects: readonly PendingEffect[]): readonly PendingEffect[] {
  return effects.length === 0 ? [] : (JSON.parse(JSON.stringify(effects)) as PendingEffect[]);
}

/** An ended row nobody is done with yet is not settled: its lease is still held, or it owes effects. */
function settled(row: Row): boolean {
  return (row.lease === null || row.lease.until <= 0) && row.effects.length === 0;
}

function matchesQuery(row: Row, query: ExecutionQuery): boolean {
  if (namespaceOfId(row.id) !== query.namespace) return false;
  const after = query.after;
  if (after !== undefined && (row.createdAt > after.createdAt || (row.createdAt === after.createdAt && row.id >= after.id))) return false;
  if (query.statuses !== undefined && query.statuses.length > 0 && !query.statuses.includes(row.status)) return false;
  if (query.graphId !== undefined && row.graphId !== query.graphId) return false;
  if (query.parentExecutionId !== undefined && row.parentId !== query.parentExecutionId) return false;
  if (query.createdAfter !== undefined && row.createdAt < query.createdAfter) return false;
  if (query.createdBefore !== undefined && row.createdAt >= query.createdBefore) return false;
  if (query.labels !== undefined) {
    for (const [k, v] of Object.entries(query.labels)) if (!Object.prototype.hasOwnProperty.call(row.labels, k) || row.labels[k] !== v) return false;
  }
  return true;
}
