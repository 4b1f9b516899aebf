import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../../src/domain/events.js';
import type { Json } from '../../../src/domain/json.js';
import { runWorkflow, workflow } from './harness.js';

/**
 * A fan-out wide enough for the frontier's selection queue and the merge's port hints, checked
 * against the semantics computed from the events: each merge run gets, per input port, the output of
 * the completed source with the highest execution_index.
 */
function wideWorkflow(width: number, rounds: number) {
  const nodes: [string, string, object?][] = [
    ['trigger', 'manual.trigger'],
    ['init', 'workflow.set_state', { counter: 0 }],
    ['step', 'workflow.set_state', { counter: '{{ $execution.state.counter + 1 }}' }],
    ['join', 'data.merge', { strategy: 'append' }],
    ['more', 'logic.if_condition', { condition: `{{ $execution.state.counter < ${rounds} }}` }],
    ['done', 'data.set_data', { mapping_map: 'done' }],
  ];
  const edges = ['trigger -> init', 'init -> step', 'join -> more', 'more.true -> step', 'more.false -> done'];
  for (let i = 0; i < width; i++) {
    // Every third branch leaves the merge out after the first pass: its newer run completes on `false`.
    nodes.push([`b${i}`, 'logic.if_condition', { condition: `{{ $execution.state.counter == 1 || ${i % 3} != 0 }}` }]);
    edges.push(`step -> b${i}`, `b${i}.true -> join.${i % 2 === 0 ? 'input_a' : 'input_b'}`);
  }
  return workflow(nodes as never, edges, { settings: { maxLoopIterations: 100_000 } });
}

interface Latest {
  readonly completed: boolean;
  readonly port: string;
  readonly output: Json;
  readonly executionIndex: number;
}

/** Replays the events and returns, for every merge run, the input the semantics give it. */
function expectedMergeInputs(events: readonly ExecutionEvent[], width: number): Json[] {
  const latest = new Map<string, Latest>();
  const expected: Json[] = [];
  const best = (side: number): Json | undefined => {
    let found: Latest | undefined;
    for (let i = side; i < width; i += 2) {
      const run = latest.get(`b${i}`);
      if (run !== undefined && run.completed && run.port === 'true' && (found === undefined || run.executionIndex > found.executionIndex)) found = run;
    }
    return found?.output;
  };
  for (const event of events) {
    if (event.type === 'node_starting' && event.attempt === 0) {
      if (event.nodeKey === 'join') expected.push([best(0), best(1)].filter((v) => v !== undefined) as Json[]);
      latest.set(event.nodeKey, { completed: false, port: '', output: null, executionIndex: event.executionIndex });
    }
    if (event.type === 'node_completed') {
      latest.set(event.nodeKey, { completed: true, port: event.port, output: event.output, executionIndex: event.executionIndex });
    }
  }
  return expected;
}

describe('a wide fan-out joined by a merge', () => {
  it('gives every merge run the latest source of each port, as a scan of every source would, across loop passes', async () => {
    const width = 60;
    const run = await runWorkflow(wideWorkflow(width, 3));
    expect(run.execution.status).toBe('completed');
    const mergeOutputs = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'join').map((e) => (e as { output: Json }).output);
    const expected = expectedMergeInputs(run.events, width);
    expect(mergeOutputs.length).toBeGreaterThan(width / 2);
    expect(mergeOutputs).toEqual(expected);
    // The hinted source of input_a (b0) ran again on later passes and left the merge out: the merge
    // then takes the latest other source of that port.
    const reruns = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'b0' && e.runIndex > 0);
    expect(reruns.map((e) => (e as { port: string }).port)).toEqual(['false', 'false']);
  });

  it('picks nodes in the order of the semantics: highest depth, then the smallest key', async () => {
    const run = await runWorkflow(wideWorkflow(40, 1));
    const order = run.order.map((s) => s.split('#')[0] as string);
    // After `step`, the branches start by key order (b0, b1, b10, b11, …); each completion puts the
    // merge deeper than every waiting branch, so it runs as soon as both ports have data.
    const branchOrder = order.filter((k) => k.startsWith('b'));
    expect(branchOrder.slice(0, 5)).toEqual(['b0', 'b1', 'b10', 'b11', 'b12']);
    const firstJoin = order.indexOf('join');
    expect(order.slice(0, firstJoin)).toEqual(['trigger', 'init', 'step', 'b0', 'b1']);
  });
});
