import { NO_TRACER } from '../../../src/app/ports/tracer.js';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import type { Execution } from '../../../src/domain/execution.js';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import type { Resumption } from '../../../src/domain/resumption.js';
import type { ConnectionDefinition, NodeDefinition, NodeSettingsDefinition, WorkflowDefinition } from '../../../src/domain/workflow.js';
import { drive } from '../../../src/app/runtime/drive.js';
import { compileWorkflow } from '../../../src/compiler/index.js';
import type { CompiledGraph } from '../../../src/nodes/kit/compiled-graph.js';
import { createExecution, DEFAULT_ENGINE_LIMITS, type EngineEnv, type EngineInput, type Refusal } from '../../../src/engine/index.js';
import { fail, complete } from '../../../src/domain/outcome.js';
import { defineNode } from '../../../src/nodes/kit/define-node.js';
import { DEFAULT_NODE_LIMITS, type NodeLogRecord, type NodeServices } from '../../../src/nodes/kit/node-services.js';
import { createRegistry, type NodeRegistry } from '../../../src/nodes/kit/registry.js';
import { builtinNodeTypes } from '../../../src/nodes/builtin/catalog.js';

/** `test.fail`: fails its first `times` attempts (all when absent) with test_error, then passes input through. */
const failingNode = defineNode({
  type: 'test.fail',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: { times: { type: 'integer' }, code: { type: 'string', default: 'test_error' } } },
  execute: (params, ctx) => {
    const times = params.times as number | undefined;
    if (times === undefined || ctx.attempt < times) return fail(params.code as string, 'Simulated failure');
    return complete(ctx.input.main ?? {});
  },
});

/** `test.throw`: throws from execute. */
const throwingNode = defineNode({
  type: 'test.throw',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {} },
  execute: () => {
    throw new Error('boom');
  },
});

/** `test.bad_prepare`: a preparation hook that throws. */
const badPrepareNode = defineNode({
  type: 'test.bad_prepare',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: {} },
  prepare: () => {
    throw new Error('cannot prepare');
  },
  execute: (_p, ctx) => complete(ctx.input.main ?? {}),
});

/** `test.port`: completes on the port named by its param (for invalid_output_port). */
const portNode = defineNode({
  type: 'test.port',
  trigger: false,
  inputPorts: ['main'],
  outputPorts: ['main'],
  defaultPort: 'main',
  schema: { fields: { port: { type: 'string', required: true } } },
  execute: (params) => complete({}, params.port as string),
});

/** The built-in catalog plus the test node types above. */
export function testRegistry(): NodeRegistry {
  return createRegistry([...builtinNodeTypes(), failingNode, throwingNode, badPrepareNode, portNode]);
}

const registry = testRegistry();

type NodeSpec = readonly [key: string, type: string, params?: object | null, settings?: NodeSettingsDefinition];

/** Parses `"a.main -> b.main"` (ports default to main) into a connection. */
export function edge(text: string): ConnectionDefinition {
  const match = /^\s*([\w-]+)(?:\.([\w-]+))?\s*->\s*([\w-]+)(?:\.([\w-]+))?\s*$/.exec(text);
  if (match === null) throw new Error(`bad edge ${text}`);
  const [, from, fromPort, to, toPort] = match;
  return { from: from as string, fromPort: fromPort ?? 'main', to: to as string, toPort: toPort ?? 'main' };
}

/** Builds a workflow definition from compact node specs and edge strings. */
export function workflow(nodes: readonly NodeSpec[], edges: readonly string[], extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  const defs: NodeDefinition[] = nodes.map(([key, type, params, settings]) => ({ key, type, params: (params ?? {}) as JsonObject, settings: settings ?? {} }));
  return { id: 'wf-test', name: 'test', nodes: defs, connections: edges.map(edge), ...extra };
}

/** Compiles and fails the test on any error diagnostic. */
export function compile(definition: WorkflowDefinition): CompiledGraph {
  const result = compileWorkflow(definition, { registry });
  if (!result.ok) throw new Error(`compile failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.graph;
}

/** A run of one execution with a fake clock, recording every event and log line. */
export class Run {
  readonly events: ExecutionEvent[] = [];
  readonly logs: NodeLogRecord[] = [];
  readonly persists: string[] = [];
  readonly cancelledChildren: string[] = [];
  readonly cancelledTasks: string[] = [];
  clock: number;
  execution: Execution;
  lastRefusal: Refusal | null = null;
  readonly env: EngineEnv;

  constructor(
    readonly graph: CompiledGraph,
    input: Json = {},
    options: { now?: number; variables?: JsonObject; env?: JsonObject; maxLoopIterations?: number; graphs?: ReadonlySet<string> } = {},
  ) {
    this.clock = options.now ?? Date.UTC(2025, 0, 31, 12, 0, 0);
    const services: NodeServices = {
      log: (record) => this.logs.push(record),
      outbound: { allows: () => true, allowsAddress: () => true },
      limits: DEFAULT_NODE_LIMITS,
      graphExists: (id) => options.graphs?.has(id) ?? false,
      childExecutionId: (parent, node, run, attempt, item) => `${parent}/${node}/${run}/${attempt}/${item}`,
      taskId: (exec, node, run, attempt) => `task:${exec}:${node}:${run}:${attempt}`,
    };
    this.env = {
      env: options.env ?? {},
      limits: { ...DEFAULT_ENGINE_LIMITS, maxLoopIterations: options.maxLoopIterations ?? DEFAULT_ENGINE_LIMITS.maxLoopIterations },
      resumeToken: (p) => `tok:${p.executionId}:${p.nodeKey}:${p.runIndex}:${p.attempt}:${p.kind}`,
      services,
      freeze: true,
    };
    this.execution = createExecution(graph, { id: 'exec-1', input, variables: options.variables, createdAt: this.clock }, this.env.limits);
  }

  /** Applies an input and drives until the execution waits. */
  async apply(input: EngineInput): Promise<this> {
    const result = await drive(this.execution, this.graph, input, this.env, {
      tracer: NO_TRACER,
      now: () => this.clock,
      emit: (event) => this.events.push(event),
      persist: (_execution, reason) => {
        this.persists.push(reason);
      },
      cancelChildren: (ids) => {
        this.cancelledChildren.push(...ids);
      },
      cancelTask: (id) => {
        this.cancelledTasks.push(id);
      },
      nodeType: (name) => [...this.graph.nodes.values()].find((node) => node.type.type === name)?.type,
    });
    this.execution = result.execution;
    this.lastRefusal = result.refusal;
    return this;
  }

  start(): Promise<this> {
    return this.apply({ kind: 'start', now: this.clock });
  }

  /** Moves the fake clock and fires the current suspension's wake-up. */
  async advanceAndWake(ms: number): Promise<this> {
    this.clock += ms;
    return this.apply({ kind: 'wake', now: this.clock });
  }

  resume(resumption: Resumption): Promise<this> {
    return this.apply({ kind: 'resume', now: this.clock, resumption });
  }

  cancel(reason: string): Promise<this> {
    return this.apply({ kind: 'cancel', now: this.clock, reason });
  }

  /** Event types, with the node key for node events: `node_completed(a)`. */
  get trace(): string[] {
    return this.events.map((e) => ('nodeKey' in e && e.type.startsWith('node_') ? `${e.type}(${e.nodeKey})` : e.type));
  }

  /** The order nodes started new runs in, as `key#index`. */
  get order(): string[] {
    return this.events
      .filter((e) => e.type === 'node_starting' && e.attempt === 0)
      .map((e) => `${(e as { nodeKey: string }).nodeKey}#${(e as { executionIndex: number }).executionIndex}`);
  }

  /** Retained runs of a node, latest first, as `r<run_index>`. */
  retained(key: string): string[] {
    return (this.execution.runs.get(key) ?? []).map((r) => `r${r.runIndex}`);
  }

  /** The latest retained run of a node. */
  run(key: string) {
    const run = this.execution.runs.get(key)?.[0];
    if (run === undefined) throw new Error(`no run of ${key}`);
    return run;
  }
}

/** Starts a run of a freshly compiled workflow. */
export async function runWorkflow(definition: WorkflowDefinition, input: Json = {}, options: ConstructorParameters<typeof Run>[2] = {}): Promise<Run> {
  return new Run(compile(definition), input, options).start();
}
