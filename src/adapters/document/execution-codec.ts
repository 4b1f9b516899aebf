import type { CancelRequest, Execution, ExecutionStatus, NodeExecution, NodeExecutionStatus, ParentLink } from '../../domain/execution.js';
import type { Json, JsonObject } from '../../domain/json.js';
import type { EngineError, NodeError } from '../../domain/node-error.js';
import type { Suspension, SubWorkflowMode } from '../../domain/suspension.js';
import { ActivePaths, Frontier, NodeTable, type NodeSlots } from '../../domain/node-table.js';

/**
 * What the codec needs to know about the graph to leave out what the graph already holds: params of
 * nodes without templates, and completions on the default port (never stored twice).
 */
export interface GraphFacts {
  /** The graph's node slots, which per-execution node tables are built on. */
  readonly slots: NodeSlots;
  /** Each node's constant params (null when it has templates), by slot. */
  readonly constantParams: readonly (JsonObject | null)[];
  /** Each node's default output port, by slot. */
  readonly defaultPorts: readonly (string | null)[];
}

/**
 * One retained run, compact: k key, s status, i execution_index, r run_index (absent = 0), a attempt
 * (absent = 0), l loopback (absent = false), p params (absent = the graph's constant params), o output,
 * or ref (the execution_index of another retained run holding the same output object), op port (absent = the
 * default port), ox output stored outside the document under this reference (see OutputPlacement), e
 * error, su suspension, t start (epoch ms), d duration ms.
 */
export interface RunDocument {
  k: string;
  s: string;
  i: number;
  r?: number;
  a?: number;
  l?: true;
  p?: JsonObject | null;
  o?: Json;
  or?: number;
  ox?: string;
  op?: string;
  e?: NodeError;
  su?: Suspension;
  t: number;
  d?: number;
}

/** The rarer fields of a run (see RunDocument), kept per run only when one is set. */
export interface RunExtras {
  r?: number;
  a?: number;
  l?: true;
  p?: JsonObject | null;
  or?: number;
  ox?: string;
  op?: string;
  e?: NodeError;
  su?: Suspension;
}

/**
 * The retained runs by column, one entry per run (nodes in slot order, each node's runs oldest
 * first): n the node's slot, s the status codes (one character per run), i execution_index, t start
 * in ms after created_at, d duration ms (null while not ended), o the output of a completed run that
 * holds its own (else null), x the rarer fields or 0 (x absent when every run has none). Columns of
 * small integers are what JSON and BSON write fastest, and the document no longer repeats field names
 * and node keys per run.
 */
export interface RunColumns {
  n: number[];
  s: string;
  i: number[];
  t: number[];
  d: (number | null)[];
  o: Json[];
  x?: (RunExtras | 0)[];
}

/** The stored form of an execution's state and audit trail (times are epoch ms). */
export interface ExecutionDocument {
  _id: string;
  graph_id: string;
  workflow_id: string;
  workflow_version: number;
  status: ExecutionStatus;
  mode: SubWorkflowMode;
  parent?: ParentLink;
  depth?: number;
  queue?: string;
  labels: Record<string, string>;
  created_at: number;
  started_at?: number;
  finished_at?: number;
  input: Json;
  vars: JsonObject;
  state: JsonObject;
  node_contexts?: Record<string, JsonObject>;
  preparation?: JsonObject;
  next_index: number;
  frontier: Record<string, number>;
  /** Active paths in increasing index order, flat: slot, index, slot, index, … */
  ap?: number[];
  /** Active paths as [key, index] pairs, as earlier versions wrote them (still read). */
  active_paths?: [string, number][];
  iteration_count: number;
  max_loop_iterations: number;
  engine_error?: EngineError;
  cancel?: CancelRequest;
  seq: number;
  /** The runs by column (written by this version). */
  rc?: RunColumns;
  /** The runs one object each, as earlier versions wrote them (still read). */
  runs?: RunDocument[];
}

/**
 * Optional hook of the encoder: decides, per output, whether it goes outside the document. The store
 * keeps such outputs elsewhere under the returned reference and gives them back on decode.
 */
export interface OutputPlacement {
  /** A reference when this completed run's output is to be stored outside the document, else undefined. */
  place(output: Json, run: NodeExecution): string | undefined;
}

/** Gives back an output stored outside the document by its reference (see OutputPlacement). */
export type OutputLookup = (ref: string) => Json;

const STATUS_CODES: Record<NodeExecutionStatus, string> = { running: 'r', completed: 'c', failed: 'f', suspended: 's', cancelled: 'x' };
const STATUS_NAMES: Record<string, NodeExecutionStatus> = { r: 'running', c: 'completed', f: 'failed', s: 'suspended', x: 'cancelled' };

/**
 * Encodes an execution into its stored document, omitting what the graph or defaults provide; with a
 * placement, outputs it places are only referenced (`ox`).
 */
export function documentOfExecution(execution: Execution, facts: GraphFacts, placement?: OutputPlacement): ExecutionDocument {
  const doc: ExecutionDocument = {
    _id: execution.id,
    graph_id: execution.graphId,
    workflow_id: execution.workflowId,
    workflow_version: execution.workflowVersion,
    status: execution.status,
    mode: execution.mode,
    labels: { ...execution.labels },
    created_at: execution.createdAt,
    input: execution.input,
    vars: execution.vars,
    state: execution.state,
    next_index: execution.nextIndex,
    frontier: Object.fromEntries(execution.frontier),
    ap: execution.activePaths.flat(),
    iteration_count: execution.iterationCount,
    max_loop_iterations: execution.maxLoopIterations,
    seq: execution.seq,
    rc: encodeRuns(execution, facts, placement),
  };
  if (execution.parent !== null) doc.parent = execution.parent;
  if (execution.depth !== 0) doc.depth = execution.depth;
  if (execution.queue !== null) doc.queue = execution.queue;
  if (execution.startedAt !== null) doc.started_at = execution.startedAt;
  if (execution.finishedAt !== null) doc.finished_at = execution.finishedAt;
  if (execution.nodeContexts.size > 0) doc.node_contexts = Object.fromEntries(execution.nodeContexts);
  if (Object.keys(execution.preparation).length > 0) doc.preparation = execution.preparation;
  if (execution.engineError !== null) doc.engine_error = execution.engineError;
  if (execution.cancel !== null) doc.cancel = execution.cancel;
  return doc;
}

function encodeRuns(execution: Execution, facts: GraphFacts, placement: OutputPlacement | undefined): RunColumns {
  const columns: RunColumns = { n: [], s: '', i: [], t: [], d: [], o: [] };
  const extras: (RunExtras | 0)[] = [];
  let anyExtras = false;
  const seen = new Map<object, number>();
  const created = execution.createdAt;
  const table = execution.runs;
  const keys = facts.slots.keys;
  for (let slot = 0; slot < keys.length; slot++) {
    const list = table.at(slot);
    if (list === undefined) continue;
    const constant = facts.constantParams[slot] ?? null;
    const port = facts.defaultPorts[slot] ?? null;
    for (let n = list.length - 1; n >= 0; n--) {
      const run = list[n] as NodeExecution;
      columns.n.push(slot);
      columns.s += STATUS_CODES[run.status];
      columns.i.push(run.executionIndex);
      columns.t.push(run.startedAt - created);
      columns.d.push(run.completedAt === null ? null : run.completedAt - run.startedAt);
      const extra = encodeRun(run, constant, port, seen, placement, columns.o);
      extras.push(extra);
      if (extra !== 0) anyExtras = true;
    }
  }
  if (anyExtras) columns.x = extras;
  return columns;
}

/** Pushes the run's output column entry and returns its rarer fields (0 when none). */
function encodeRun(
  run: NodeExecution,
  constant: JsonObject | null,
  defaultPort: string | null,
  seen: Map<object, number>,
  placement: OutputPlacement | undefined,
  outputs: Json[],
): RunExtras | 0 {
  let extra: RunExtras | undefined;
  if (run.runIndex !== 0) (extra ??= {}).r = run.runIndex;
  if (run.attempt !== 0) (extra ??= {}).a = run.attempt;
  if (run.loopback) (extra ??= {}).l = true;
  if (run.params === null) (extra ??= {}).p = null;
  else if (run.params !== constant) (extra ??= {}).p = run.params;
  let own: Json = null;
  if (run.status === 'completed') {
    const output = run.output;
    const earlier = typeof output === 'object' && output !== null ? seen.get(output) : undefined;
    if (earlier !== undefined) (extra ??= {}).or = earlier;
    else {
      const ref = placement?.place(output, run);
      if (ref === undefined) own = output;
      else (extra ??= {}).ox = ref;
      if (typeof output === 'object' && output !== null) seen.set(output, run.executionIndex);
    }
    if (run.outputPort !== defaultPort && run.outputPort !== null) (extra ??= {}).op = run.outputPort;
  }
  outputs.push(own);
  if (run.error !== null) (extra ??= {}).e = run.error;
  if (run.suspension !== null) (extra ??= {}).su = run.suspension;
  return extra ?? 0;
}

/**
 * Decodes a stored document back into an execution; shared outputs become shared objects again and
 * outputs stored outside come from `lookup`.
 */
export function decodeExecution(doc: ExecutionDocument, facts: GraphFacts, lookup?: OutputLookup): Execution {
  const runs = new NodeTable<NodeExecution[]>(facts.slots);
  for (const run of storedRuns(doc, facts, lookup)) {
    const list = runs.get(run.nodeKey);
    if (list === undefined) runs.set(run.nodeKey, [run]);
    else list.unshift(run);
  }
  return {
    id: doc._id,
    graphId: doc.graph_id,
    workflowId: doc.workflow_id,
    workflowVersion: doc.workflow_version,
    input: doc.input,
    vars: doc.vars,
    mode: doc.mode,
    parent: doc.parent ?? null,
    depth: doc.depth ?? 0,
    queue: doc.queue ?? null,
    labels: doc.labels,
    createdAt: doc.created_at,
    status: doc.status,
    startedAt: doc.started_at ?? null,
    finishedAt: doc.finished_at ?? null,
    nextIndex: doc.next_index,
    frontier: frontierFrom(facts.slots, doc.frontier),
    activePaths: doc.ap !== undefined ? ActivePaths.fromFlat(facts.slots, doc.ap) : ActivePaths.from(facts.slots, doc.active_paths ?? []),
    state: doc.state,
    nodeContexts: new Map(Object.entries(doc.node_contexts ?? {})),
    iterationCount: doc.iteration_count,
    maxLoopIterations: doc.max_loop_iterations,
    preparation: doc.preparation ?? {},
    runs,
    engineError: doc.engine_error ?? null,
    cancel: doc.cancel ?? null,
    seq: doc.seq,
  };
}

/** References of the outputs a document keeps outside (OutputPlacement), in run order. */
export function outsideOutputRefs(doc: ExecutionDocument): string[] {
  const refs: string[] = [];
  const stored = doc.rc === undefined ? (doc.runs ?? []) : (doc.rc.x ?? []);
  for (const r of stored) if (r !== 0 && r.ox !== undefined) refs.push(r.ox);
  return refs;
}

/** The stored runs one record each, from either form (columns, or the records of earlier versions). */
function runRecords(doc: ExecutionDocument, keyOf: (slot: number) => string): RunDocument[] {
  const columns = doc.rc;
  if (columns === undefined) return doc.runs ?? [];
  const records: RunDocument[] = [];
  for (let j = 0; j < columns.n.length; j++) {
    const extra = columns.x?.[j] ?? 0;
    const duration = columns.d[j];
    const record: RunDocument = {
      ...(extra === 0 ? {} : extra),
      k: keyOf(columns.n[j] as number),
      s: columns.s[j] as string,
      i: columns.i[j] as number,
      t: doc.created_at + (columns.t[j] as number),
    };
    if (duration !== null && duration !== undefined) record.d = duration;
    if (record.s === 'c' && record.or === undefined && record.ox === undefined) record.o = columns.o[j] ?? null;
    records.push(record);
  }
  return records;
}

/** The runs of a document in execution order; shared outputs become shared objects again. */
function storedRuns(doc: ExecutionDocument, facts: GraphFacts, lookup: OutputLookup | undefined): NodeExecution[] {
  const records = runRecords(doc, (slot) => {
    const key = facts.slots.keys[slot];
    if (key === undefined) throw new Error(`execution ${doc._id}: stored run of slot ${slot}, which its graph does not have`);
    return key;
  });
  // Owners of outputs first: a shared-output reference may name a run with a higher index (the
  // encoder visits nodes in slot order, not in execution order).
  const outputs = new Map<number, Json>();
  for (const r of records) {
    if (r.o !== undefined) outputs.set(r.i, r.o);
    else if (r.ox !== undefined) {
      if (lookup === undefined) throw new Error(`execution ${doc._id} references an output stored outside (${r.ox}) and no lookup was given`);
      outputs.set(r.i, lookup(r.ox));
    }
  }
  records.sort((a, b) => a.i - b.i);
  return records.map((r) => {
    const status = STATUS_NAMES[r.s];
    if (status === undefined) throw new Error(`unknown run status ${r.s} in execution ${doc._id}`);
    const slot = facts.slots.slotOf(r.k);
    return {
      nodeKey: r.k,
      status,
      executionIndex: r.i,
      runIndex: r.r ?? 0,
      attempt: r.a ?? 0,
      loopback: r.l === true,
      params: r.p === undefined ? (facts.constantParams[slot] ?? null) : r.p,
      output: status === 'completed' ? (outputs.get(r.or ?? r.i) ?? null) : null,
      outputPort: status === 'completed' ? (r.op ?? facts.defaultPorts[slot] ?? null) : null,
      error: r.e ?? null,
      suspension: r.su ?? null,
      startedAt: r.t,
      completedAt: r.d === undefined ? null : r.t + r.d,
    };
  });
}

function frontierFrom(slots: NodeSlots, stored: Record<string, number>): Frontier {
  const frontier = new Frontier(slots);
  for (const [key, depth] of Object.entries(stored)) frontier.set(key, depth);
  return frontier;
}
