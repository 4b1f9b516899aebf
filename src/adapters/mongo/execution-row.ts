import { BSON } from 'mongodb';
import type { ExecutionRecord, Lease, PendingEffect } from '../../app/ports/execution-store.js';
import type { Execution, ExecutionStatus } from '../../domain/execution.js';
import { namespaceOfId } from '../../domain/namespace.js';
import type { ExecutionDocument } from '../document/execution-codec.js';
import type { SerializedExecution } from '../document/execution-serializer.js';
import type { RowShape } from '../document/write-plan.js';
import { labelsOfTerms, labelTerms } from './label-terms.js';

/** A lease as stored: `until` is a BSON date. */
export interface LeaseField {
  owner: string;
  epoch: number;
  until: Date;
}

/**
 * An execution in the `executions` collection: the fields queries and conditional writes use as
 * real BSON fields, and the rest of the codec's document as one JSON string (`data`: user data may
 * hold any key, `$` and `.` included, and a string is cheap to encode).
 */
export interface ExecutionRow {
  _id: string;
  /** The namespace, as the id says (see domain/namespace.ts); every listing filters on it first. */
  namespace: string;
  /** The revision every write is conditional on. */
  rev: number;
  status: ExecutionStatus;
  graph_id: string;
  workflow_id: string;
  created_at: Date;
  /** `key=value` terms (see labelTerms). */
  labels: string[];
  parent_id: string | null;
  next_wake_at: Date | null;
  lease: LeaseField | null;
  /** Work owed after the last write (absent in rows written before effects existed). */
  effects?: PendingEffect[];
  updated_at: Date;
  seq: number;
  data: string;
}

/** Document fields kept as row fields, hence left out of `data`. */
export const ROW_FIELDS = ['_id', 'status', 'graph_id', 'workflow_id', 'created_at', 'labels', 'seq'] as const satisfies readonly (keyof ExecutionDocument)[];

/** The row shape of one write of `record` at `revision`, measured as BSON. */
export function rowShape(record: Omit<ExecutionRecord, 'revision' | 'execution'>, revision: number): RowShape<ExecutionRow> {
  return {
    toRow: (serialized: SerializedExecution, execution: Execution): ExecutionRow => ({
      _id: execution.id,
      namespace: namespaceOfId(execution.id),
      rev: revision,
      status: execution.status,
      graph_id: execution.graphId,
      workflow_id: execution.workflowId,
      created_at: new Date(execution.createdAt),
      labels: labelTerms(execution.labels),
      parent_id: execution.parent?.parentExecutionId ?? null,
      next_wake_at: record.nextWakeAt === null ? null : new Date(record.nextWakeAt),
      lease: leaseField(record.lease),
      effects: [...record.effects],
      updated_at: new Date(record.updatedAt),
      seq: execution.seq,
      data: serialized.text,
    }),
    bytes: (row) => BSON.calculateObjectSize(row),
  };
}

/** The codec's document of a row: `data` with the row fields merged back. */
export function documentOfRow(row: ExecutionRow): ExecutionDocument {
  const rest = JSON.parse(row.data) as Omit<ExecutionDocument, (typeof ROW_FIELDS)[number]>;
  return {
    ...rest,
    _id: row._id,
    status: row.status,
    graph_id: row.graph_id,
    workflow_id: row.workflow_id,
    created_at: row.created_at.getTime(),
    labels: labelsOfTerms(row.labels),
    seq: row.seq,
  };
}

/** A lease as stored. */
export function leaseField(lease: Lease | null): LeaseField | null {
  return lease === null ? null : { owner: lease.owner, epoch: lease.epoch, until: new Date(lease.until) };
}

/** A stored lease as the port has it. */
export function leaseOfField(field: LeaseField | null | undefined): Lease | null {
  return field === null || field === undefined ? null : { owner: field.owner, epoch: field.epoch, until: field.until.getTime() };
}
