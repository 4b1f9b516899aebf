import type { Execution } from '../../src/domain/execution.js';
import type { Json, JsonObject } from '../../src/domain/json.js';
import type { Outcome } from '../../src/domain/outcome.js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';
import { compileWorkflow } from '../../src/compiler/index.js';
import type { CompilerLimits } from '../../src/compiler/options.js';
import type { CompiledGraph } from '../../src/nodes/kit/compiled-graph.js';
import { createExecution, DEFAULT_ENGINE_LIMITS, transition, type EngineEnv, type EngineInput } from '../../src/engine/index.js';
import { builtinRegistry } from '../../src/nodes/builtin/catalog.js';
import { DEFAULT_NODE_LIMITS } from '../../src/nodes/kit/node-services.js';

const registry = builtinRegistry();

/** Compiles a benchmark workflow; a diagnostic error is a bug in the benchmark. */
export function compileOrThrow(definition: WorkflowDefinition, limits?: Partial<CompilerLimits>): CompiledGraph {
  const result = compileWorkflow(definition, { registry, limits });
  if (!result.ok) throw new Error(`benchmark workflow does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.graph;
}

/** An engine environment with no-op services, as the in-process runner would give it. */
export function benchEngineEnv(): EngineEnv {
  return {
    env: {},
    limits: DEFAULT_ENGINE_LIMITS,
    resumeToken: (p) => `${p.executionId}.${p.nodeKey}.${p.runIndex}.${p.attempt}.${p.kind}`,
    services: {
      log: () => undefined,
      outbound: { allows: () => true, allowsAddress: () => true },
      limits: DEFAULT_NODE_LIMITS,
      graphExists: () => false,
      childExecutionId: (e, n, r, a, i) => `${e}/${n}/${r}/${a}/${i}`,
      taskId: (e, n, r, a) => `${e}/${n}/${r}/${a}`,
    },
  };
}

/**
 * Runs one execution with the engine alone until it waits (terminal or suspended): the transition
 * plus the runner's node calls, synchronously (every node of these shapes is synchronous).
 */
export function runEngine(graph: CompiledGraph, env: EngineEnv, id: string, input: Json, now = 1_700_000_000_000): Execution {
  let execution = createExecution(graph, { id, input, createdAt: now }, env.limits);
  let next: EngineInput | null = { kind: 'start', now };
  while (next !== null) {
    const result = transition(execution, graph, next, env);
    execution = result.execution;
    next = null;
    for (const command of result.commands) {
      if (command.kind === 'execute_node' || command.kind === 'resume_node') {
        const type = graph.nodes.get(command.context.nodeKey)?.type;
        const outcome = (
          command.kind === 'execute_node' ? type?.execute(command.params, command.context) : type?.resume?.(command.params, command.context, command.resumption)
        ) as Outcome;
        if (outcome instanceof Promise) throw new Error(`node ${command.context.nodeKey} is asynchronous; the engine benchmark uses synchronous nodes only`);
        next = { kind: 'node_outcome', now, nodeKey: command.context.nodeKey, runIndex: command.context.runIndex, outcome };
      }
    }
  }
  return execution;
}

/** A chain: manual.trigger then `n - 1` data.set_data nodes, constant or with one template each. */
export function chainWorkflow(n: number, expressionPerNode: boolean): WorkflowDefinition {
  const nodes = [{ key: 'start', type: 'manual.trigger' }];
  for (let i = 1; i < n; i++) {
    const mapping: JsonObject = expressionPerNode ? { v: '{{ $input.main.v + 1 }}' } : { v: i };
    nodes.push({ key: `n${i}`, type: 'data.set_data', params: { mapping_map: mapping } } as never);
  }
  const connections = [];
  for (let i = 1; i < n; i++) connections.push({ from: i === 1 ? 'start' : `n${i - 1}`, to: `n${i}` });
  return { id: `chain-${n}${expressionPerNode ? '-expr' : ''}`, name: 'benchmark chain', nodes, connections };
}

/**
 * A branching workflow: a fork joined by data.merge, an IF, then a counter loop of `iterations`
 * passes (set_state + if_condition back-edge).
 */
export function branchingWorkflow(iterations: number): WorkflowDefinition {
  return {
    id: 'branching',
    name: 'benchmark branching',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'a1', type: 'data.set_data', params: { mapping_map: { side: 'a' } } },
      { key: 'a2', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
      { key: 'b1', type: 'data.set_data', params: { mapping_map: { side: 'b' } } },
      { key: 'b2', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
      { key: 'join', type: 'data.merge', params: { strategy: 'merge' } },
      { key: 'check', type: 'logic.if_condition', params: { condition: '{{ $input.main.side == "b" }}' } },
      { key: 'init', type: 'workflow.set_state', params: { counter: 0 } },
      { key: 'other', type: 'data.set_data', params: { mapping_map: 'other' } },
      { key: 'step', type: 'workflow.set_state', params: { counter: '{{ $execution.state.counter + 1 }}' } },
      { key: 'more', type: 'logic.if_condition', params: { condition: `{{ $execution.state.counter < ${iterations} }}` } },
      { key: 'done', type: 'data.set_data', params: { mapping_map: '{{ $execution.state }}' } },
    ],
    connections: [
      { from: 'start', to: 'a1' },
      { from: 'start', to: 'b1' },
      { from: 'a1', to: 'a2' },
      { from: 'b1', to: 'b2' },
      { from: 'a2', to: 'join', toPort: 'input_a' },
      { from: 'b2', to: 'join', toPort: 'input_b' },
      { from: 'join', to: 'check' },
      { from: 'check', fromPort: 'true', to: 'init' },
      { from: 'check', fromPort: 'false', to: 'other' },
      { from: 'init', to: 'step' },
      { from: 'step', to: 'more' },
      { from: 'more', fromPort: 'true', to: 'step' },
      { from: 'more', fromPort: 'false', to: 'done' },
    ],
  };
}

/** trigger → set_data → webhook wait → set_data: every execution suspends at the wait. */
export function suspendingWorkflow(): WorkflowDefinition {
  return {
    id: 'suspending',
    name: 'benchmark suspending',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'prepare', type: 'data.set_data', params: { mapping_map: { order: '{{ $input.main.order }}', status: 'waiting' } } },
      { key: 'approval', type: 'wait.wait', params: { mode: 'webhook', timeout_hours: 24 } },
      { key: 'finish', type: 'data.set_data', params: { mapping_map: '{{ $input.main }}' } },
    ],
    connections: [
      { from: 'start', to: 'prepare' },
      { from: 'prepare', to: 'approval' },
      { from: 'approval', to: 'finish' },
    ],
  };
}
