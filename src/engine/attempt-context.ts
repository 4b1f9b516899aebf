import type { Execution, NodeExecution } from '../domain/execution.js';
import type { JsonObject } from '../domain/json.js';
import type { Suspension } from '../domain/suspension.js';
import type { CompiledGraph, CompiledNode } from '../nodes/kit/compiled-graph.js';
import type { ContextSnapshot, NodeRunContext } from '../nodes/kit/node-type.js';
import type { NodeServices } from '../nodes/kit/node-services.js';
import type { EngineEnv } from './engine-env.js';
import { nodesView } from './nodes-view.js';

const EMPTY: JsonObject = Object.freeze({});

/** `$execution.loop` objects are the same for every run of a node with the same loopback flag. */
const loopObjects = new WeakMap<CompiledNode, readonly [JsonObject, JsonObject]>();

/** `$execution.loop` for a node and loopback flag. */
export function loopObject(node: CompiledNode, loopback: boolean): JsonObject {
  let pair = loopObjects.get(node);
  if (pair === undefined) {
    const base = { loop_level: node.loop.level, loop_role: node.loop.role, loop_ids: node.loop.ids };
    pair = [Object.freeze({ ...base, loopback: false }), Object.freeze({ ...base, loopback: true })];
    loopObjects.set(node, pair);
  }
  return pair[loopback ? 1 : 0];
}

/** `$workflow` for a graph. */
const workflowObjects = new WeakMap<CompiledGraph, JsonObject>();

/** `$workflow`: `{id, version}`. */
export function workflowObject(graph: CompiledGraph): JsonObject {
  let object = workflowObjects.get(graph);
  if (object === undefined) {
    object = Object.freeze({ id: graph.workflowId, version: graph.workflowVersion });
    workflowObjects.set(graph, object);
  }
  return object;
}

/** `$execution` for one attempt of a run. */
export function executionObject(execution: Execution, node: CompiledNode, run: NodeExecution): JsonObject {
  return {
    id: execution.id,
    mode: execution.mode,
    current_node_key: node.key,
    run_index: run.runIndex,
    execution_index: run.executionIndex,
    attempt: run.attempt,
    loopback: run.loopback,
    loop: loopObject(node, run.loopback),
    state: execution.state,
    preparation: execution.preparation,
  };
}

/**
 * The context a node implementation receives for one attempt. The values are
 * captured when the attempt starts; the full JSON snapshot is built only if a node asks for it.
 */
export class AttemptContext implements NodeRunContext {
  private snapshotCache: ContextSnapshot | undefined;

  constructor(
    private readonly execution: Execution,
    private readonly graph: CompiledGraph,
    private readonly node: CompiledNode,
    private readonly run: NodeExecution,
    readonly input: JsonObject,
    readonly now: number,
    private readonly env: EngineEnv,
    readonly suspension: Suspension | null,
  ) {}

  get executionId(): string {
    return this.execution.id;
  }
  get workflowId(): string {
    return this.graph.workflowId;
  }
  get graphId(): string {
    return this.graph.id;
  }
  get nodeKey(): string {
    return this.node.key;
  }
  get nodeType(): string {
    return this.node.type.type;
  }
  get runIndex(): number {
    return this.run.runIndex;
  }
  get executionIndex(): number {
    return this.run.executionIndex;
  }
  get attempt(): number {
    return this.run.attempt;
  }
  get loopback(): boolean {
    return this.run.loopback;
  }
  get nodeContext(): JsonObject {
    return this.execution.nodeContexts.get(this.node.key) ?? EMPTY;
  }
  get connectedPorts(): ReadonlySet<string> {
    return this.node.connectedPorts;
  }
  get depth(): number {
    return this.execution.depth;
  }
  get services(): NodeServices {
    return this.env.services;
  }

  /** `<execution_id>:<node_key>:<run_index>`. */
  get runKey(): string {
    return `${this.execution.id}:${this.node.key}:${this.run.runIndex}`;
  }

  /** The full expression context of this attempt as JSON. */
  snapshot(): ContextSnapshot {
    if (this.snapshotCache === undefined) {
      this.snapshotCache = {
        input: this.input,
        nodes: { ...nodesView(this.execution) },
        env: this.env.env,
        vars: this.execution.vars,
        workflow: workflowObject(this.graph),
        execution: executionObject(this.execution, this.node, this.run),
        now: new Date(this.now).toISOString(),
      };
    }
    return this.snapshotCache;
  }
}
