import type { TaskRecord } from '../../../src/app/ports/task-store.js';
// Realistic executions for the store contract: real workflows compiled and run by the engine.
import type { Execution, ExecutionStatus } from '../../../src/domain/execution.js';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import type { Json, JsonObject } from '../../../src/domain/json.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import type { CompiledGraph } from '../../../src/nodes/kit/compiled-graph.js';
import { createExecution, DEFAULT_ENGINE_LIMITS } from '../../../src/engine/index.js';
import type { ExecutionRecord } from '../../../src/app/ports/execution-store.js';
import { graphFacts, type FactsResolver } from '../../../src/adapters/document/graph-facts.js';
import { compile, Run, workflow } from '../../unit/engine/harness.js';

/** 2025-01-31T12:00:00Z, the harness's default clock. */
export const T0 = Date.UTC(2025, 0, 31, 12, 0, 0);

const graphs = new Map<string, CompiledGraph>();

/** Compiles a workflow and registers its graph for `fixtureFacts`. */
export function fixtureGraph(definition: WorkflowDefinition): CompiledGraph {
  const graph = compile(definition);
  graphs.set(graph.id, graph);
  return graph;
}

/** The facts resolver the stores under test use: graphs compiled through fixtureGraph. */
export const fixtureFacts: FactsResolver = (graphId) => {
  const graph = graphs.get(graphId);
  if (graph === undefined) throw new Error(`test graph ${graphId} was not compiled through fixtureGraph`);
  return graphFacts(graph);
};

/** What a fixture execution is made of. */
export interface FixtureSpec {
  readonly id: string;
  readonly input?: Json;
  readonly labels?: Readonly<Record<string, string>>;
  readonly createdAt?: number;
}

/** Creates an execution of the workflow with the given identity and runs it until it waits. */
export async function runFixture(definition: WorkflowDefinition, spec: FixtureSpec): Promise<Run> {
  const run = new Run(fixtureGraph(definition), spec.input ?? {}, { now: spec.createdAt ?? T0 });
  run.execution = createExecution(run.graph, { id: spec.id, input: spec.input ?? {}, labels: spec.labels, createdAt: run.clock }, run.env.limits);
  return run.start();
}

/** A created, never started execution (status running) of a one-node workflow, for listing and leases. */
export function bareExecution(
  id: string,
  options: { createdAt?: number; status?: ExecutionStatus; labels?: Record<string, string>; graph?: 'a' | 'b'; parent?: string } = {},
): Execution {
  const graph = fixtureGraph(options.graph === 'b' ? GRAPH_B : GRAPH_A);
  const parent =
    options.parent === undefined ? null : { parentExecutionId: options.parent, parentNodeKey: 'p', parentRunIndex: 0, rootExecutionId: options.parent };
  const execution = createExecution(graph, { id, input: { id }, labels: options.labels, createdAt: options.createdAt ?? T0, parent }, DEFAULT_ENGINE_LIMITS);
  if (options.status !== undefined) execution.status = options.status;
  return execution;
}

const GRAPH_A = workflow([['t', 'manual.trigger']], []);
const GRAPH_B = workflow(
  [
    ['t', 'manual.trigger'],
    ['a', 'data.set_data', { mapping_map: 1 }],
  ],
  ['t -> a'],
);

/** A record to insert: the execution with no wake-up and no lease. */
export function recordOf(execution: Execution, extra: Partial<Omit<ExecutionRecord, 'execution' | 'revision'>> = {}): Omit<ExecutionRecord, 'revision'> {
  return { execution, nextWakeAt: null, lease: null, effects: [], updatedAt: execution.createdAt, ...extra };
}

const T = ['t', 'manual.trigger'] as const;

/** t -> a -> b -> c: set_data with constant and templated params. */
export const CHAIN = workflow(
  [
    T,
    ['a', 'data.set_data', { mapping_map: { greeting: 'hello', n: 1 } }],
    ['b', 'data.set_data', { mapping_map: '{{ $input.main }}' }],
    ['c', 'data.set_data', { mode: 'json', json_template: '{"done": true}' }],
  ],
  ['t -> a', 'a -> b', 'b -> c'],
);

/** t -> w (interval wait) -> next: suspends. */
export const SUSPENDING = workflow(
  [T, ['w', 'wait.wait', { mode: 'interval', duration: 5, unit: 'seconds' }], ['next', 'data.set_data', { mapping_map: '{{ $input }}' }]],
  ['t -> w', 'w -> next'],
);

/** The counter loop: two retained runs per loop node, state, loopbacks. */
export const LOOP = workflow(
  [
    T,
    ['init', 'workflow.set_state', { counter: 0 }],
    ['increment', 'workflow.set_state', { counter: '{{ $execution.state.counter + 1 }}' }],
    ['cond', 'logic.if_condition', { condition: '{{ $execution.run_index < 3 }}' }],
    ['done', 'data.set_data', { mapping_map: '{{ $execution.state }}' }],
  ],
  ['t -> init', 'init -> increment', 'increment -> cond', 'cond.true -> increment', 'cond.false -> done'],
);

/**
 * Pass-through nodes share one output object. The nodes are declared in an order unlike the order
 * they run in, so the codec meets a shared output before the run that owns it.
 */
export const SHARED = workflow(
  [
    ['last', 'core.log', { message: 'last' }],
    ['middle', 'core.log', { message: 'middle' }],
    T,
    ['source', 'data.set_data', { mapping_map: { items: [1, 2, 3], nested: { deep: true } } }],
  ],
  ['t -> source', 'source -> middle', 'middle -> last'],
);

/** State and output keys holding `$` and `.`; labels with dots come with the spec. */
export const ODD_KEYS = workflow(
  [
    T,
    ['state', 'workflow.set_state', { $where: 'x', 'a.b': { $in: [1, 2] }, plain: 'value' }],
    ['data', 'data.set_data', { mapping_map: { $set: { 'x.y': 1 }, '.': '$', 'k.$': null } }],
  ],
  ['t -> state', 'state -> data'],
);

/** A node that fails after its retries, the error continuing on the error port. */
export const FAILING = workflow(
  [T, ['f', 'test.fail', { code: 'boom' }, { onError: 'continue_error_output' }], ['handled', 'data.set_data', { mapping_map: '{{ $input }}' }]],
  ['t -> f', 'f.error -> handled'],
);

/** A string of `bytes` ASCII characters. */
export function blob(bytes: number, char = 'x'): string {
  return char.repeat(bytes);
}

/** t -> big (object output of about `bytes`) -> pass (shares it) -> text (a large string output) -> small. */
export function largeOutputs(bytes: number): WorkflowDefinition {
  return workflow(
    [
      T,
      ['big', 'data.set_data', { mapping_map: { blob: blob(bytes), n: 1 } }],
      ['pass', 'core.log', {}],
      ['text', 'data.set_data', { mapping_map: blob(bytes, 'y') }],
      ['small', 'data.set_data', { mapping_map: { ok: true } }],
    ],
    ['t -> big', 'big -> pass', 'pass -> text', 'text -> small'],
  );
}

/** A node failing for good: the execution fails (stop_workflow). */
export const FAILED = workflow([T, ['f', 'test.fail', { code: 'boom' }]], ['t -> f']);

/** Sets a state value of about `bytes` (state always lives in the document), then waits (suspended). */
export function largeState(bytes: number): WorkflowDefinition {
  return workflow(
    [T, ['s', 'workflow.set_state', { big: blob(bytes) }], ['w', 'wait.wait', { mode: 'interval', duration: 5, unit: 'seconds' }]],
    ['t -> s', 's -> w'],
  );
}

/** A chain of `n` nodes after the trigger: constant set_data, pass-through log, or templated set_data. */
export function chainOf(n: number, kind: 'set_data' | 'pass_through' | 'expression'): WorkflowDefinition {
  const nodes: [string, string, object][] = [['t', 'manual.trigger', {}]];
  const edges: string[] = [];
  for (let i = 1; i <= n; i++) {
    const key = `n${i}`;
    if (kind === 'set_data') nodes.push([key, 'data.set_data', { mapping_map: { step: i } }]);
    else if (kind === 'pass_through') nodes.push([key, 'core.log', {}]);
    else nodes.push([key, 'data.set_data', { mapping_map: { step: `{{ $input.main.step + 1 }}` } }]);
    edges.push(`${i === 1 ? 't' : `n${i - 1}`} -> ${key}`);
  }
  return workflow(nodes, edges, { id: `chain-${kind}` });
}

/** A comparable picture of an execution: node tables as plain objects, in slot order. */
export function snapshot(execution: Execution): JsonObject {
  return JSON.parse(
    JSON.stringify({
      ...execution,
      runs: Object.fromEntries(execution.runs),
      frontier: Object.fromEntries([...execution.frontier].sort(([a], [b]) => (a < b ? -1 : 1))),
      activePaths: execution.activePaths.entries(),
      nodeContexts: Object.fromEntries(execution.nodeContexts),
    }),
  ) as JsonObject;
}

/** The events of a run with another execution id (to put one run's history under many ids). */
export function eventsFor(events: readonly ExecutionEvent[], executionId: string): ExecutionEvent[] {
  return events.map((event) => ({ ...event, executionId }));
}

/** An open task of execution `exec-1`, with `overrides`. */
export function taskRecord(taskId: string, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskId,
    taskType: 'email',
    input: { to: 'a@example.com', $meta: { 'x.y': 1 } },
    executionId: 'exec-1',
    nodeKey: 'send',
    runIndex: 0,
    attempt: 0,
    runKey: 'exec-1:send:0',
    outputPorts: ['main', 'error'],
    createdAt: T0,
    timeoutAt: T0 + 3_600_000,
    status: 'open',
    leaseOwner: null,
    leaseUntil: null,
    result: null,
    ...overrides,
  };
}
