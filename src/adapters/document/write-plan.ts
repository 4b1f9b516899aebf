import { DocumentTooLarge, type WriteOptions } from '../../app/ports/execution-store.js';
import type { Execution } from '../../domain/execution.js';
import type { GraphFacts } from './execution-codec.js';
import type { ExecutionSerializer, SerializedExecution } from './execution-serializer.js';
import { minimalExecution } from './minimal-execution.js';

/** What one execution write stores: the store's row, the execution as stored, and its outside outputs. */
export interface WritePlan<Row> {
  readonly row: Row;
  readonly execution: Execution;
  readonly serialized: SerializedExecution;
}

/** How a store turns a serialized execution into its row and measures it. */
export interface RowShape<Row> {
  toRow(serialized: SerializedExecution, execution: Execution): Row;
  bytes(row: Row): number;
}

/**
 * Serializes an execution for a write and enforces the document size limit: DocumentTooLarge when the
 * row, or an output placed outside it, is larger than `limit`. With `minimal`, writes the minimal document, dropping the input and
 * variables too when that is what it takes to fit.
 */
export function planWrite<Row>(
  serializer: ExecutionSerializer,
  execution: Execution,
  facts: GraphFacts,
  shape: RowShape<Row>,
  limit: number,
  options: WriteOptions = {},
): WritePlan<Row> {
  const attempts = options.minimal === true ? [minimalExecution(execution, false), minimalExecution(execution, true)] : [execution];
  let bytes = 0;
  for (const candidate of attempts) {
    const serialized = serializer.serialize(candidate, facts);
    const row = shape.toRow(serialized, candidate);
    bytes = Math.max(shape.bytes(row), ...serialized.outputs.map((o) => Buffer.byteLength(o.text)));
    if (bytes <= limit) return { row, execution: candidate, serialized };
  }
  throw new DocumentTooLarge(bytes, limit);
}
