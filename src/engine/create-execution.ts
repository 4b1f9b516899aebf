import type { Execution, ParentLink } from '../domain/execution.js';
import type { Json, JsonObject } from '../domain/json.js';
import type { SubWorkflowMode } from '../domain/suspension.js';
import type { CompiledGraph } from '../nodes/kit/compiled-graph.js';
import type { EngineLimits } from './engine-env.js';
import { ActivePaths, Frontier, NodeTable } from '../domain/node-table.js';
import { nodeSlotsOf } from './node-slots.js';

/** What a new execution is made of. */
export interface ExecutionSpec {
  readonly id: string;
  readonly input: Json;
  readonly variables?: JsonObject | undefined;
  /** `async` for executions started through the API; a child's `execution_mode` otherwise. */
  readonly mode?: SubWorkflowMode | undefined;
  readonly parent?: ParentLink | null | undefined;
  readonly depth?: number | undefined;
  readonly queue?: string | null | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Children of async and fire-and-forget parents are created pending. */
  readonly pending?: boolean | undefined;
  readonly createdAt: number;
}

/**
 * Creates an execution that has not started yet: start variables win over the graph's, and the loop
 * limit is captured now. Pass it to `transition` with a `start` input.
 */
export function createExecution(graph: CompiledGraph, spec: ExecutionSpec, limits: EngineLimits): Execution {
  const slots = nodeSlotsOf(graph);
  return {
    id: spec.id,
    graphId: graph.id,
    workflowId: graph.workflowId,
    workflowVersion: graph.workflowVersion,
    input: spec.input,
    vars: spec.variables === undefined ? graph.variables : { ...graph.variables, ...spec.variables },
    mode: spec.mode ?? 'async',
    parent: spec.parent ?? null,
    depth: spec.depth ?? 0,
    queue: spec.queue ?? null,
    labels: spec.labels ?? {},
    createdAt: spec.createdAt,
    status: spec.pending === true ? 'pending' : 'running',
    startedAt: null,
    finishedAt: null,
    nextIndex: 0,
    frontier: new Frontier(slots),
    activePaths: new ActivePaths(slots),
    state: {},
    nodeContexts: new Map(),
    iterationCount: 0,
    maxLoopIterations: graph.maxLoopIterations ?? limits.maxLoopIterations,
    preparation: {},
    runs: new NodeTable(slots),
    engineError: null,
    cancel: null,
    seq: 0,
  };
}
