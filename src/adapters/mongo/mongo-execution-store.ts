import type { ExecutionStatus } from '../../domain/execution.js';
import type { ExpiredExecution, NamespaceFilter } from '../../app/ports/execution-store.js';
import type { Collection, Filter } from 'mongodb';
import type {
  DueWake,
  ExecutionQuery,
  ExecutionRecord,
  ExecutionStore,
  ExecutionSummary,
  PendingEffect,
  WriteOptions,
} from '../../app/ports/execution-store.js';
import { StoreConflict } from '../../app/ports/execution-store.js';
import { outsideOutputRefs, type ExecutionDocument } from '../document/execution-codec.js';
import { ExecutionSerializer, type OutsideOutput } from '../document/execution-serializer.js';
import type { FactsResolver } from '../document/graph-facts.js';
import { claimedLease } from '../document/lease-claim.js';
import { DEFAULT_INLINE_OUTPUT_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, type ExecutionStoreLimits } from '../document/store-limits.js';
import { planWrite } from '../document/write-plan.js';
import { documentOfRow, leaseField, leaseOfField, ROW_FIELDS, rowShape, type ExecutionRow } from './execution-row.js';
import { labelTerms } from './label-terms.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** An output stored outside its execution document (`execution_outputs`): `_id` is `${execution_id}:${ref}`. */
export interface OutputRow {
  _id: string;
  execution_id: string;
  /** The output as JSON text. */
  data: string;
  /**
   * False from its writing until the execution write referencing it succeeded (absent: written before
   * this field existed, committed). An output left uncommitted belongs to a write that never happened.
   */
  committed?: boolean;
  written_at?: Date;
}

/** How often a claim re-reads after losing a race to another write before giving up. */
const CLAIM_ATTEMPTS = 4;

/**
 * Executions in MongoDB (see ExecutionRow for the document shape). Every write is one conditional
 * update on `rev`; outputs above the inline threshold are written first to `execution_outputs`,
 * under content hashes, so a document never references an output that is not there.
 */
/** The statuses an execution ends in. */
const ENDED: ExecutionStatus[] = ['completed', 'failed', 'cancelled'];

export class MongoExecutionStore implements ExecutionStore {
  private readonly serializer: ExecutionSerializer;
  private readonly maxDocumentBytes: number;

  constructor(
    private readonly executions: Collection<ExecutionRow>,
    private readonly outputs: Collection<OutputRow>,
    private readonly facts: FactsResolver,
    limits: ExecutionStoreLimits = {},
  ) {
    this.maxDocumentBytes = limits.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.serializer = new ExecutionSerializer({ inlineOutputBytes: limits.inlineOutputBytes ?? DEFAULT_INLINE_OUTPUT_BYTES, omit: ROW_FIELDS });
  }

  insert(record: Omit<ExecutionRecord, 'revision'>): Promise<ExecutionRecord> {
    return guard('insert execution', async () => {
      const plan = planWrite(this.serializer, record.execution, await this.facts(record.execution.graphId), rowShape(record, 1), this.maxDocumentBytes);
      await this.writeOutputs(plan.serialized.outputs, record.updatedAt);
      try {
        await this.executions.insertOne(plan.row);
      } catch (error) {
        if (isDuplicateKey(error)) throw new StoreConflict('exists', `execution ${record.execution.id} exists`);
        throw error;
      }
      await this.commitOutputs(plan.serialized.outputs);
      this.serializer.markStored(plan.serialized.outputs);
      return { ...record, execution: plan.execution, revision: 1 };
    });
  }

  get(id: string, namespace?: string): Promise<ExecutionRecord | null> {
    return guard('get execution', async () => {
      const row = await this.executions.findOne(namespace === undefined ? { _id: id } : { _id: id, namespace });
      return row === null ? null : ((await this.records([row]))[0] ?? null);
    });
  }

  update(record: Omit<ExecutionRecord, 'revision'>, expectedRevision: number, options: WriteOptions = {}): Promise<ExecutionRecord> {
    return guard('update execution', async () => {
      const revision = expectedRevision + 1;
      const facts = await this.facts(record.execution.graphId);
      const plan = planWrite(this.serializer, record.execution, facts, rowShape(record, revision), this.maxDocumentBytes, options);
      await this.writeOutputs(plan.serialized.outputs, record.updatedAt);
      const result = await this.executions.replaceOne({ _id: plan.row._id, rev: expectedRevision }, plan.row);
      if (result.matchedCount === 0) {
        const current = await this.executions.findOne({ _id: plan.row._id }, { projection: { rev: 1 } });
        throw new StoreConflict('revision', `execution ${plan.row._id} is at revision ${current?.rev ?? 'none'}, not ${expectedRevision}`);
      }
      await this.commitOutputs(plan.serialized.outputs);
      this.serializer.markStored(plan.serialized.outputs);
      return { ...record, execution: plan.execution, revision };
    });
  }

  claim(id: string, owner: string, leaseUntil: number, now: number): Promise<ExecutionRecord | null> {
    return guard('claim execution', async () => {
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        const current = await this.executions.findOne({ _id: id }, { projection: { rev: 1, lease: 1 } });
        if (current === null) return null;
        const lease = claimedLease(leaseOfField(current.lease), owner, leaseUntil, now);
        if (lease === null) return null;
        const claimed = await this.executions.findOneAndUpdate(
          { _id: id, rev: current.rev },
          { $set: { lease: leaseField(lease), rev: current.rev + 1, updated_at: new Date(now) } },
          { returnDocument: 'after' },
        );
        if (claimed !== null) return (await this.records([claimed]))[0] ?? null;
      }
      return null;
    });
  }

  renew(id: string, owner: string, epoch: number, until: number): Promise<boolean> {
    return guard('renew lease', async () => {
      const result = await this.executions.updateOne({ _id: id, 'lease.owner': owner, 'lease.epoch': epoch }, { $set: { 'lease.until': new Date(until) } });
      return result.matchedCount === 1;
    });
  }

  release(id: string, owner: string, epoch: number): Promise<boolean> {
    return guard('release execution', async () => {
      const result = await this.executions.updateOne({ _id: id, 'lease.owner': owner, 'lease.epoch': epoch }, { $set: { 'lease.until': new Date(0) } });
      return result.matchedCount === 1;
    });
  }

  finishEffects(id: string, owner: string, epoch: number, remaining: readonly PendingEffect[], release: boolean): Promise<boolean> {
    return guard('finish effects', async () => {
      const set: Partial<ExecutionRow> & Record<string, unknown> = { effects: [...remaining] };
      if (release) set['lease.until'] = new Date(0);
      const result = await this.executions.updateOne({ _id: id, 'lease.owner': owner, 'lease.epoch': epoch }, { $set: set });
      return result.matchedCount === 1;
    });
  }

  list(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    return guard('list executions', async () => {
      if (query.limit <= 0) return [];
      const rows = await this.executions.find(listFilter(query)).sort({ created_at: -1, _id: -1 }).limit(query.limit).toArray();
      const records = await this.records(rows);
      return records.map((record) => ({ execution: record.execution, revision: record.revision }));
    });
  }

  due(until: number, now: number, limit: number): Promise<DueWake[]> {
    return guard('find due executions', async () => {
      if (limit <= 0) return [];
      const at = new Date(now);
      const rows = await this.executions
        .find({ next_wake_at: { $lte: new Date(until) }, $or: [{ lease: null }, { 'lease.until': { $lte: at } }] }, { projection: { _id: 1, next_wake_at: 1 } })
        .sort({ next_wake_at: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return rows.map((row) => ({ id: row._id, at: (row.next_wake_at as Date).getTime() }));
    });
  }

  orphaned(now: number, limit: number): Promise<string[]> {
    return guard('find orphaned executions', async () => {
      if (limit <= 0) return [];
      const rows = await this.executions
        .find({ 'lease.until': { $gt: new Date(0), $lte: new Date(now) } }, { projection: { _id: 1 } })
        .sort({ 'lease.until': 1, _id: 1 })
        .limit(limit)
        .toArray();
      return rows.map((row) => row._id);
    });
  }

  expired(endedBefore: number, limit: number, namespaces?: NamespaceFilter): Promise<ExpiredExecution[]> {
    return guard('find expired executions', async () => {
      if (limit <= 0) return [];
      const rows = await this.executions
        .find(
          {
            ...(namespaces === undefined ? {} : { namespace: 'only' in namespaces ? namespaces.only : { $nin: [...namespaces.except] } }),
            status: { $in: ENDED },
            updated_at: { $lt: new Date(endedBefore) },
            $and: [{ $or: [{ lease: null }, { 'lease.until': { $lte: new Date(0) } }] }, { $or: [{ effects: { $exists: false } }, { effects: { $size: 0 } }] }],
          },
          { projection: { _id: 1, parent_id: 1 } },
        )
        .sort({ updated_at: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return rows.map((row) => ({ id: row._id, parentId: row.parent_id }));
    });
  }

  remove(id: string): Promise<void> {
    return guard('remove execution', async () => {
      // The outputs first: a crash in between leaves the ended execution, found again by the next sweep.
      const row = await this.executions.findOne({ _id: id, status: { $in: ENDED } }, { projection: { _id: 1 } });
      if (row === null) return;
      await this.outputs.deleteMany({ execution_id: id });
      await this.executions.deleteOne({ _id: id, status: { $in: ENDED } });
    });
  }

  /** BSON bytes of the stored document of an execution (for size reports), or null when absent. */
  documentBytes(id: string): Promise<number | null> {
    return guard('measure execution', async () => {
      const row = await this.executions.findOne({ _id: id });
      return row === null ? null : rowShape({ nextWakeAt: null, lease: null, effects: [], updatedAt: 0 }, 0).bytes(row);
    });
  }

  collectGarbage(writtenBefore: number, limit: number): Promise<number> {
    return guard('collect output garbage', async () => {
      if (limit <= 0) return 0;
      const candidates = await this.outputs
        .find({ committed: false, written_at: { $lt: new Date(writtenBefore) } }, { projection: { _id: 1, execution_id: 1 } })
        .limit(limit)
        .toArray();
      const byExecution = new Map<string, string[]>();
      for (const row of candidates) byExecution.set(row.execution_id, [...(byExecution.get(row.execution_id) ?? []), row._id]);
      let deleted = 0;
      for (const [executionId, ids] of byExecution) {
        const row = await this.executions.findOne({ _id: executionId });
        const referenced = new Set(row === null ? [] : outsideOutputRefs(documentOfRow(row)).map((ref) => outputId(executionId, ref)));
        const kept = ids.filter((id) => referenced.has(id));
        const garbage = ids.filter((id) => !referenced.has(id));
        // Referenced: its write succeeded and stopped before marking it (a crash); it is kept.
        if (kept.length > 0) await this.outputs.updateMany({ _id: { $in: kept } }, { $set: { committed: true } });
        if (garbage.length > 0) deleted += (await this.outputs.deleteMany({ _id: { $in: garbage }, committed: false })).deletedCount;
      }
      return deleted;
    });
  }

  /** Writes outside outputs, uncommitted; one that exists already has the same content (the id holds its hash). */
  private async writeOutputs(outputs: readonly OutsideOutput[], now: number): Promise<void> {
    if (outputs.length === 0) return;
    const rows = outputs.map((o) => ({
      _id: outputId(o.executionId, o.ref),
      execution_id: o.executionId,
      data: o.text,
      committed: false,
      written_at: new Date(now),
    }));
    try {
      await this.outputs.insertMany(rows, { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Marks outputs as referenced by a stored execution, so garbage collection keeps them. */
  private async commitOutputs(outputs: readonly OutsideOutput[]): Promise<void> {
    if (outputs.length === 0) return;
    await this.outputs.updateMany({ _id: { $in: outputs.map((o) => outputId(o.executionId, o.ref)) }, committed: false }, { $set: { committed: true } });
  }

  /** Decodes rows, fetching the outside outputs of all of them in one query. */
  private async records(rows: readonly ExecutionRow[]): Promise<ExecutionRecord[]> {
    const docs = rows.map(documentOfRow);
    const wanted = docs.flatMap((doc) => outsideOutputRefs(doc).map((ref) => outputId(doc._id, ref)));
    const texts = new Map<string, string>();
    if (wanted.length > 0) {
      for (const output of await this.outputs.find({ _id: { $in: [...new Set(wanted)] } }).toArray()) texts.set(output._id, output.data);
    }
    const records: ExecutionRecord[] = [];
    for (let n = 0; n < rows.length; n++) {
      const row = rows[n] as ExecutionRow;
      const doc = docs[n] as ExecutionDocument;
      const outside = new Map<string, string>();
      for (const ref of outsideOutputRefs(doc)) {
        const text = texts.get(outputId(doc._id, ref));
        if (text !== undefined) outside.set(ref, text);
      }
      const execution = this.serializer.deserialize(doc, await this.facts(row.graph_id), outside);
      records.push({
        execution,
        revision: row.rev,
        nextWakeAt: row.next_wake_at?.getTime() ?? null,
        lease: leaseOfField(row.lease),
        effects: row.effects ?? [],
        updatedAt: row.updated_at.getTime(),
      });
    }
    return records;
  }
}

function outputId(executionId: string, ref: string): string {
  return `${executionId}:${ref}`;
}

/** The filter of a listing (indexes: see mongo-indexes.ts). */
function listFilter(query: ExecutionQuery): Filter<ExecutionRow> {
  const filter: Filter<ExecutionRow> = { namespace: query.namespace };
  if (query.statuses !== undefined && query.statuses.length > 0) filter.status = { $in: [...query.statuses] };
  if (query.graphId !== undefined) filter.graph_id = query.graphId;
  if (query.parentExecutionId !== undefined) filter.parent_id = query.parentExecutionId;
  const terms = query.labels === undefined ? [] : labelTerms(query.labels);
  if (terms.length > 0) filter.labels = { $all: terms };
  const created: { $gte?: Date; $lt?: Date } = {};
  if (query.createdAfter !== undefined) created.$gte = new Date(query.createdAfter);
  if (query.createdBefore !== undefined) created.$lt = new Date(query.createdBefore);
  if (created.$gte !== undefined || created.$lt !== undefined) filter.created_at = created;
  if (query.after !== undefined) {
    const at = new Date(query.after.createdAt);
    filter.$or = [{ created_at: { $lt: at } }, { created_at: at, _id: { $lt: query.after.id } }];
  }
  return filter;
}
