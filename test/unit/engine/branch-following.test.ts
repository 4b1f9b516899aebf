import { describe, expect, it } from 'vitest';
import { runWorkflow, workflow } from './harness.js';

const T = ['t', 'manual.trigger'] as const;
const set = (key: string, value: unknown) => [key, 'data.set_data', { mapping_map: { v: value } }] as const;

describe('linear chains', () => {
  /*  t -> a -> b  */
  it('emits the typical linear sequence', async () => {
    const run = await runWorkflow(workflow([T, set('a', 1), set('b', 2)], ['t -> a', 'a -> b']));
    expect(run.trace).toEqual([
      'execution_started',
      'node_starting(t)',
      'node_completed(t)',
      'node_starting(a)',
      'node_completed(a)',
      'node_starting(b)',
      'node_completed(b)',
      'execution_completed',
    ]);
    expect(run.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(run.execution.status).toBe('completed');
    expect(run.events.at(-1)).toMatchObject({ type: 'execution_completed', output: { v: 2 } });
  });

  it('runs a 100-node chain with consecutive execution indexes and no loop iterations', async () => {
    const nodes = [T, ...Array.from({ length: 99 }, (_, i) => set(`n${i}`, i))];
    const edges = ['t -> n0', ...Array.from({ length: 98 }, (_, i) => `n${i} -> n${i + 1}`)];
    const run = await runWorkflow(workflow(nodes, edges));
    expect(run.execution.status).toBe('completed');
    expect(run.execution.nextIndex).toBe(100);
    expect(run.execution.iterationCount).toBe(0);
    expect(run.run('n98').executionIndex).toBe(99);
    expect(run.events.at(-1)).toMatchObject({ output: { v: 98 } });
  });

  it('gives the trigger {"main": input}, or {} when the input is null', async () => {
    const def = workflow([T, ['a', 'data.set_data', { mapping_map: '{{ $input }}' }]], ['t -> a']);
    expect((await runWorkflow(def, { x: 1 })).run('a').output).toEqual({ main: { x: 1 } });
    expect((await runWorkflow(def, null)).run('t').output).toEqual({});
    expect((await runWorkflow(def, null)).run('a').output).toEqual({ main: {} });
  });
});

describe('fork and join on two named ports', () => {
  /*
               +--> a1 --> a2 --+ (input_a)
    trigger ---+                +--> merge
               +--> b1 --> b2 --+ (input_b)
  */
  it('follows one branch to its end before the sibling starts', async () => {
    const def = workflow(
      [['trigger', 'manual.trigger'], set('a1', 'a1'), set('a2', 'a2'), set('b1', 'b1'), set('b2', 'b2'), ['merge', 'data.merge', { strategy: 'append' }]],
      ['trigger -> a1', 'trigger -> b1', 'a1 -> a2', 'b1 -> b2', 'a2 -> merge.input_a', 'b2 -> merge.input_b'],
    );
    const run = await runWorkflow(def);
    expect(run.order).toEqual(['trigger#0', 'a1#1', 'a2#2', 'b1#3', 'b2#4', 'merge#5']);
    expect(run.run('merge').output).toEqual([{ v: 'a2' }, { v: 'b2' }]);
  });
});

describe('IF diamond converging on one port', () => {
  /*
    t --> if --true--> x --+
             \--false-> y --+--> m.main
  */
  const def = (condition: boolean) =>
    workflow(
      [T, ['if', 'logic.if_condition', { condition }], set('x', 'x'), set('y', 'y'), ['m', 'data.set_data', { mapping_map: '{{ $input.main }}' }]],
      ['t -> if', 'if.true -> x', 'if.false -> y', 'x -> m', 'y -> m'],
    );

  it('runs only the taken branch and leaves no record of the other', async () => {
    const run = await runWorkflow(def(true));
    expect(run.order).toEqual(['t#0', 'if#1', 'x#2', 'm#3']);
    expect(run.run('m').output).toEqual({ v: 'x' });
    expect(run.execution.runs.has('y')).toBe(false);
  });

  it('emits the false branch sequence', async () => {
    const run = await runWorkflow(def(false));
    expect(run.trace).toEqual([
      'execution_started',
      'node_starting(t)',
      'node_completed(t)',
      'node_starting(if)',
      'node_completed(if)',
      'node_starting(y)',
      'node_completed(y)',
      'node_starting(m)',
      'node_completed(m)',
      'execution_completed',
    ]);
    expect(run.events[4]).toMatchObject({ type: 'node_completed', port: 'false' });
  });

  it('passes the IF input through on both ports', async () => {
    const run = await runWorkflow(def(true), { id: 7 });
    expect(run.run('if').output).toEqual({ id: 7 });
  });
});

describe('parallel fork joining on one port', () => {
  /*
    t --+--> a --+
        +--> b --+--> c.main
  */
  it('runs the join once per arriving branch, with the latest contributor as input', async () => {
    const def = workflow(
      [T, set('a', 'a'), set('b', 'b'), ['c', 'data.set_data', { mapping_map: '{{ $input.main.v }}' }]],
      ['t -> a', 't -> b', 'a -> c', 'b -> c'],
    );
    const run = await runWorkflow(def);
    expect(run.order).toEqual(['t#0', 'a#1', 'c#2', 'b#3', 'c#4']);
    const cStarts = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'c');
    expect(cStarts.map((e) => (e as { output: unknown }).output)).toEqual(['a', 'b']);
    expect(run.retained('c')).toEqual(['r1']);
    expect(run.events.at(-1)).toMatchObject({ type: 'execution_completed', output: 'b' });
  });
});

describe('exclusive branches into two named ports', () => {
  /*
    t --> if --true--> x --> m.input_a
             \--false-> y --> m.input_b        (condition true)
  */
  it('fails with no_ready_nodes naming the waiting node and its unsatisfied ports', async () => {
    const def = workflow(
      [T, ['if', 'logic.if_condition', { condition: true }], set('x', 1), set('y', 2), ['m', 'data.merge']],
      ['t -> if', 'if.true -> x', 'if.false -> y', 'x -> m.input_a', 'y -> m.input_b'],
    );
    const run = await runWorkflow(def);
    expect(run.execution.status).toBe('failed');
    expect(run.execution.engineError).toEqual({
      type: 'no_ready_nodes',
      message: 'No ready nodes found but workflow is not complete',
      waiting_nodes: [{ node_key: 'm', depth: 3, unsatisfied_ports: ['input_b'] }],
      completed_nodes: ['if', 't', 'x'],
    });
    expect(run.trace.slice(-2)).toEqual(['node_completed(x)', 'execution_failed']);
  });
});

describe('switch', () => {
  /*  t -> sw --a--> x ; sw --b--> y ; sw --default--> z  */
  const def = (cases: unknown) =>
    workflow(
      [T, ['sw', 'logic.switch', { cases } as never], set('x', 'x'), set('y', 'y'), set('z', 'z')],
      ['t -> sw', 'sw.a -> x', 'sw.b -> y', 'sw.default -> z'],
    );

  it('takes the first true case', async () => {
    const run = await runWorkflow(
      def([
        { condition: '{{ $input.main.n > 5 }}', port: 'a' },
        { condition: '{{ $input.main.n > 1 }}', port: 'b' },
        { condition: true, port: 'default' },
      ]),
      { n: 3 },
    );
    expect(run.order).toEqual(['t#0', 'sw#1', 'y#2']);
    expect(run.run('sw')).toMatchObject({ outputPort: 'b', output: { n: 3 } });
  });

  it('fails with no_matching_case when no case is true', async () => {
    const run = await runWorkflow(
      def([
        { condition: false, port: 'a' },
        { condition: '0', port: 'b' },
        { condition: '{{ 1 > 2 }}', port: 'default' },
      ]),
    );
    expect(run.execution.status).toBe('failed');
    expect(run.run('sw').error).toEqual({
      code: 'no_matching_case',
      message: 'No matching case found',
      details: { case_count: 3, node: 'sw', action: 'logic.switch' },
    });
  });

  it('nests inside an IF branch', async () => {
    const nested = workflow(
      [
        T,
        ['if', 'logic.if_condition', { condition: '{{ $input.main.go }}' }],
        ['sw', 'logic.switch', { cases: [{ condition: true, port: 'only' }] }],
        set('x', 'x'),
        set('n', 'no'),
      ],
      ['t -> if', 'if.true -> sw', 'if.false -> n', 'sw.only -> x'],
    );
    expect((await runWorkflow(nested, { go: true })).order).toEqual(['t#0', 'if#1', 'sw#2', 'x#3']);
    expect((await runWorkflow(nested, { go: false })).order).toEqual(['t#0', 'if#1', 'n#2']);
  });
});

describe('input assembly', () => {
  it('omits a port whose value is null but keeps false', async () => {
    const def = (value: unknown) =>
      workflow([T, ['a', 'data.set_data', { mapping_map: value } as never], ['m', 'data.set_data', { mapping_map: '{{ $input }}' }]], ['t -> a', 'a -> m']);
    expect((await runWorkflow(def(null))).run('m').output).toEqual({});
    expect((await runWorkflow(def(false))).run('m').output).toEqual({ main: false });
    expect((await runWorkflow(def(0))).run('m').output).toEqual({ main: 0 });
  });

  it('takes the contribution with the highest execution_index when several sources completed', async () => {
    /*  t -> a -> b ; a -> m ; b -> m  : b (#2) outranks a (#1)  */
    const def = workflow(
      [T, set('a', 'a'), set('b', 'b'), ['m', 'data.set_data', { mapping_map: '{{ $input.main.v }}' }]],
      ['t -> a', 'a -> b', 'a -> m', 'b -> m'],
    );
    const run = await runWorkflow(def);
    expect(run.order).toEqual(['t#0', 'a#1', 'b#2', 'm#3']);
    expect(run.run('m').output).toBe('b');
  });

  it('exposes completed nodes through $nodes with output and context', async () => {
    const def = workflow(
      [
        T,
        set('fetch', 42),
        ['s', 'workflow.set_state', { count: 5 }],
        ['out', 'data.set_data', { mapping_map: { id: '{{ $nodes.fetch.output.v }}', ctx: '{{ $nodes.fetch.context }}', st: '{{ $execution.state.count }}' } }],
      ],
      ['t -> fetch', 'fetch -> s', 's -> out'],
    );
    const run = await runWorkflow(def);
    expect(run.run('out').output).toEqual({ id: 42, ctx: {}, st: 5 });
  });
});
