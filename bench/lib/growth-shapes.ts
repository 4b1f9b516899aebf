import type { Json } from '../../src/domain/json.js';
import type { WorkflowDefinition } from '../../src/domain/workflow.js';

/** A workflow whose size grows with one number, with the input that drives it and what one unit is. */
export interface GrowthShape {
  readonly family: string;
  readonly size: number;
  /** What one unit of `size` is: a node, a branch, an item, an iteration. */
  readonly unit: string;
  readonly workflow: WorkflowDefinition;
  readonly input: Json;
}

/** A chain: manual.trigger then `n - 1` data.set_data nodes. */
export function chainShape(n: number): GrowthShape {
  const nodes = [{ key: 'start', type: 'manual.trigger' }];
  const connections = [];
  for (let i = 1; i < n; i++) {
    nodes.push({ key: `n${i}`, type: 'data.set_data', params: { mapping_map: { v: i } } } as never);
    connections.push({ from: i === 1 ? 'start' : `n${i - 1}`, to: `n${i}` });
  }
  return { family: 'chain', size: n, unit: 'node', workflow: { id: `growth-chain-${n}`, name: 'growth chain', nodes, connections }, input: { v: 0 } };
}

/** A fan-out of `width` branches from the trigger, joined by one data.merge (half on each input). */
export function fanOutShape(width: number): GrowthShape {
  const nodes: unknown[] = [
    { key: 'start', type: 'manual.trigger' },
    { key: 'join', type: 'data.merge', params: { strategy: 'append' } },
  ];
  const connections: unknown[] = [];
  for (let i = 0; i < width; i++) {
    nodes.push({ key: `b${i}`, type: 'data.set_data', params: { mapping_map: { branch: i } } });
    connections.push({ from: 'start', to: `b${i}` }, { from: `b${i}`, to: 'join', toPort: i % 2 === 0 ? 'input_a' : 'input_b' });
  }
  return {
    family: 'fan-out + merge',
    size: width,
    unit: 'branch',
    workflow: { id: `growth-fan-${width}`, name: 'growth fan-out', nodes, connections } as WorkflowDefinition,
    input: {},
  };
}

/** core.for_each over `n` items from the start input, one set_data per item on the loop. */
export function forEachShape(n: number): GrowthShape {
  const items: Json[] = [];
  for (let i = 0; i < n; i++) items.push({ id: i });
  return {
    family: 'for_each',
    size: n,
    unit: 'item',
    workflow: {
      id: `growth-for-each-${n}`,
      name: 'growth for_each',
      settings: { maxLoopIterations: n + 10 },
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'each', type: 'core.for_each', params: { collection: '{{ $input.main.items }}', mode: 'single' } },
        { key: 'body', type: 'data.set_data', params: { mapping_map: { seen: true } } },
        { key: 'end', type: 'data.set_data', params: { mapping_map: { done: true } } },
      ],
      connections: [
        { from: 'start', to: 'each' },
        { from: 'each', fromPort: 'loop', to: 'body' },
        { from: 'body', to: 'each' },
        { from: 'each', fromPort: 'done', to: 'end' },
      ],
    } as WorkflowDefinition,
    input: { items },
  };
}

/** A counter loop of `n` iterations: set_state, then an IF back to it. */
export function loopShape(n: number): GrowthShape {
  return {
    family: 'loop',
    size: n,
    unit: 'iteration',
    workflow: {
      id: `growth-loop-${n}`,
      name: 'growth loop',
      settings: { maxLoopIterations: n + 10 },
      nodes: [
        { key: 'start', type: 'manual.trigger' },
        { key: 'init', type: 'workflow.set_state', params: { counter: 0 } },
        { key: 'step', type: 'workflow.set_state', params: { counter: '{{ $execution.state.counter + 1 }}' } },
        { key: 'more', type: 'logic.if_condition', params: { condition: `{{ $execution.state.counter < ${n} }}` } },
        { key: 'done', type: 'data.set_data', params: { mapping_map: '{{ $execution.state }}' } },
      ],
      connections: [
        { from: 'start', to: 'init' },
        { from: 'init', to: 'step' },
        { from: 'step', to: 'more' },
        { from: 'more', fromPort: 'true', to: 'step' },
        { from: 'more', fromPort: 'false', to: 'done' },
      ],
    } as WorkflowDefinition,
    input: {},
  };
}
