import type { ExecutionQuery, ExecutionRecord, ExecutionStore, ExecutionSummary, Lease } from '../../app/ports/execution-store.js';
import { DocumentTooLarge, StoreConflict } from '../../app/ports/execution-store.js';
import type { ExecutionStatus } from '../../domain/execution.js';
import { decodeExecution, encodeExecution, type ExecutionDocument, type GraphFacts } from '../document/execution-codec.js';
import type { FactsResolver } from '../document/graph-facts.js';

/** One stored execution: the document as JSON text plus the indexed fields. */
interface Row {
  readonly text: string;
  readonly revision: number;
  readonly status: ExecutionStatus;
  readonly graphId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: number;
  readonly parentId: string | null;
  readonly nextWakeAt: number | null;
  readonly lease: Lease | null;
  readonly updatedAt: number;
}

/**
 * Executions kept in process memory as encoded documents, so a stored execution is a snapshot
 * independent of the live object, exactly as with MongoDB. Writes are conditional on the revision.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly rows = new Map<string, Row>();

  constructor(
    private readonly facts: FactsResolver,
    private readonly maxDocumentBytes: number = 8 * 1024 * 1024,
  ) {}

  async insert(record: Omit<ExecutionRecord, 'revision'>): Promise<ExecutionRecord> {
    const id = record.execution.id;
    if (this.rows.has(id)) throw new StoreConflict('exists', `execution ${id} exists`);
    const row = this.row(record, 1, await this.facts(record.execution.graphId));
    this.rows.set(id, row);
    return { ...record, revision: 1 };
  }

  async get(id: string): Promise<ExecutionRecord | null> {
    const row = this.rows.get(id);
    if (row === undefined) return null;
    return this.record(row, await this.facts(row.graphId));
  }

  async update(record: Omit<ExecutionRecord, 'revision'>, expectedRevision: number): Promise<ExecutionRecord> {
    const id = record.execution.id;
    const facts = this.facts(record.execution.graphId);
    const resolved = facts instanceof Promise ? await facts : facts;
    const current = this.rows.get(id);
    if (current === undefined || current.revision !== expectedRevision) {
      throw new StoreConflict('revision', `execution ${id} is at revision ${current?.revision ?? 'none'}, not ${expectedRevision}`);
    }
    const row = this.row(record, expectedRevision + 1, resolved);
    this.rows.set(id, row);
    return { ...record, revision: row.revision };
  }

  async list(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    const matches: [string, Row][] = [];
    for (const entry of this.rows) if (matchesQuery(entry[0], entry[1], query)) matches.push(entry);
    matches.sort(newestFirst);
    const out: ExecutionSummary[] = [];
    for (const [, row] of matches) {
      if (out.length >= query.limit) break;
      const record = this.record(row, await this.facts(row.graphId));
      out.push({ execution: record.execution, revision: record.revision });
    }
    return out;
  }

  async due(now: number, limit: number): Promise<string[]> {
    return [...this.rows.entries()]
      .filter(([, row]) => row.nextWakeAt !== null && row.nextWakeAt <= now && (row.lease === null || row.lease.until <= now))
      .sort(([, a], [, b]) => (a.nextWakeAt as number) - (b.nextWakeAt as number))
      .slice(0, limit)
      .map(([id]) => id);
  }

  async orphaned(now: number, limit: number): Promise<string[]> {
    return [...this.rows.entries()]
      .filter(([, row]) => row.status === 'running' && row.lease !== null && row.lease.until <= now)
      .slice(0, limit)
      .map(([id]) => id);
  }

  /** Bytes of the stored document of an execution (for size reports). */
  documentBytes(id: string): number | null {
    const row = this.rows.get(id);
    return row === undefined ? null : Buffer.byteLength(row.text);
  }

  private row(record: Omit<ExecutionRecord, 'revision'>, revision: number, facts: GraphFacts): Row {
    const execution = record.execution;
    const text = JSON.stringify(encodeExecution(execution, facts));
    if (text.length > this.maxDocumentBytes / 3) {
      const bytes = Buffer.byteLength(text);
      if (bytes > this.maxDocumentBytes) throw new DocumentTooLarge(bytes, this.maxDocumentBytes);
    }
    return {
      text,
      revision,
      status: execution.status,
      graphId: execution.graphId,
      labels: execution.labels,
      createdAt: execution.createdAt,
      parentId: execution.parent?.parentExecutionId ?? null,
      nextWakeAt: record.nextWakeAt,
      lease: record.lease,
      updatedAt: record.updatedAt,
    };
  }

  private record(row: Row, facts: GraphFacts): ExecutionRecord {
    const execution = decodeExecution(JSON.parse(row.text) as ExecutionDocument, facts);
    return { execution, revision: row.revision, nextWakeAt: row.nextWakeAt, lease: row.lease, updatedAt: row.updatedAt };
  }
}

/** Newest first: created_at, then id, both descending. */
function newestFirst([idA, a]: [string, Row], [idB, b]: [string, Row]): number {
  return b.createdAt - a.createdAt || (idA < idB ? 1 : idA > idB ? -1 : 0);
}

function matchesQuery(id: string, row: Row, query: ExecutionQuery): boolean {
  if (query.after !== undefined && (row.createdAt > query.after.createdAt || (row.createdAt === query.after.createdAt && id >= query.after.id))) return false;
  if (query.statuses !== undefined && query.statuses.length > 0 && !query.statuses.includes(row.status)) return false;
  if (query.graphId !== undefined && row.graphId !== query.graphId) return false;
  if (query.parentExecutionId !== undefined && row.parentId !== query.parentExecutionId) return false;
  if (query.createdAfter !== undefined && row.createdAt < query.createdAfter) return false;
  if (query.createdBefore !== undefined && row.createdAt >= query.createdBefore) return false;
  if (query.labels !== undefined) {
    for (const [k, v] of Object.entries(query.labels)) if (row.labels[k] !== v) return false;
  }
  return true;
}
