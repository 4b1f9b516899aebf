import { describe, expect, it } from 'vitest';
import { decodeExecution, documentOfExecution, type ExecutionDocument } from '../../../src/adapters/document/execution-codec.js';
import { graphFacts } from '../../../src/adapters/document/graph-facts.js';
import { compile, Run, runWorkflow, workflow } from './harness.js';

describe('counter loop', () => {
  /*
    start -> init -> increment -> cond --true--> increment
                                     \--false-> done
  */
  const def = workflow(
    [
      ['start', 'manual.trigger'],
      ['init', 'workflow.set_state', { counter: 0 }],
      ['increment', 'workflow.set_state', { counter: '{{ $execution.state.counter + 1 }}', flag: '{{ $execution.loopback }}' }],
      ['cond', 'logic.if_condition', { condition: '{{ $execution.run_index < 3 }}' }],
      ['done', 'data.set_data', { mapping_map: '{{ $execution.state }}' }],
    ],
    ['start -> init', 'init -> increment', 'increment -> cond', 'cond.true -> increment', 'cond.false -> done'],
  );

  it('runs in the documented order and counts only loopbacks', async () => {
    const run = await runWorkflow(def);
    expect(run.order).toEqual([
      'start#0',
      'init#1',
      'increment#2',
      'cond#3',
      'increment#4',
      'cond#5',
      'increment#6',
      'cond#7',
      'increment#8',
      'cond#9',
      'done#10',
    ]);
    expect(run.execution.iterationCount).toBe(3);
    expect(run.retained('increment')).toEqual(['r3', 'r2']);
    expect(run.retained('cond')).toEqual(['r3', 'r2']);
    expect(run.retained('start')).toEqual(['r0']);
    expect(run.retained('done')).toEqual(['r0']);
    expect(run.run('done').output).toEqual({ counter: 4, flag: true });
  });

  it('flags only the loop entry as a loopback, from the second pass on', async () => {
    const run = await runWorkflow(def);
    const flags = run.events
      .filter((e) => e.type === 'node_starting')
      .map((e) => `${(e as { nodeKey: string }).nodeKey}:${String((e as { loopback: boolean }).loopback)}`);
    expect(flags).toEqual([
      'start:false',
      'init:false',
      'increment:false',
      'cond:false',
      'increment:true',
      'cond:false',
      'increment:true',
      'cond:false',
      'increment:true',
      'cond:false',
      'done:false',
    ]);
  });
});

describe('infinite-loop protection', () => {
  /*  trigger -> check -> process -> check   (limit 5)  */
  it('refuses the run past the limit without creating it', async () => {
    const def = workflow(
      [
        ['trigger', 'manual.trigger'],
        ['check', 'data.set_data', { mapping_map: 1 }],
        ['process', 'data.set_data', { mapping_map: 2 }],
      ],
      ['trigger -> check', 'check -> process', 'process -> check'],
      { settings: { maxLoopIterations: 5 } },
    );
    const run = await runWorkflow(def);
    expect(run.events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'check')).toHaveLength(6);
    expect(run.events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'process')).toHaveLength(6);
    expect(run.execution.engineError).toEqual({
      type: 'infinite_loop_protection',
      message: 'Workflow execution exceeded maximum loop iterations (5)',
      iteration_count: 5,
      max_iterations: 5,
      node_key: 'check',
      loop_ids: ['loop_1'],
    });
    expect(run.trace.slice(-2)).toEqual(['node_completed(process)', 'execution_failed']);
  });

  it('uses the service limit when the workflow sets none', async () => {
    const def = workflow(
      [
        ['t', 'manual.trigger'],
        ['a', 'data.set_data', { mapping_map: 1 }],
      ],
      ['t -> a', 'a -> a'],
    );
    const run = await runWorkflow(def, {}, { maxLoopIterations: 3 });
    expect(run.execution.maxLoopIterations).toBe(3);
    expect(run.execution.engineError).toMatchObject({ type: 'infinite_loop_protection', iteration_count: 3, node_key: 'a' });
  });
});

describe('core.for_each', () => {
  /*
    trigger --> fe.main
    fe.loop --> collector --> fe.main
    fe.done --> after
  */
  const def = (params: object) =>
    workflow(
      [
        ['trigger', 'manual.trigger'],
        ['fe', 'core.for_each', { collection: '{{ $input.main.items }}', ...params } as never],
        ['collector', 'workflow.set_state', { seen: '{{ ($execution.state.seen || []) + "" }}' }],
        ['after', 'data.set_data', { mapping_map: '{{ $nodes.fe.context }}' }],
      ],
      ['trigger -> fe', 'fe.loop -> collector', 'collector -> fe', 'fe.done -> after'],
    );

  it('emits one item per pass and {} on done', async () => {
    const d = workflow(
      [
        ['trigger', 'manual.trigger'],
        ['fe', 'core.for_each', { collection: [1, 2, 3], mode: 'single' }],
        ['collector', 'data.set_data', { mapping_map: '{{ $input.main }}' }],
      ],
      ['trigger -> fe', 'fe.loop -> collector', 'collector -> fe'],
    );
    const run = await runWorkflow(d);
    expect(run.order).toEqual(['trigger#0', 'fe#1', 'collector#2', 'fe#3', 'collector#4', 'fe#5', 'collector#6', 'fe#7']);
    const collected = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'collector').map((e) => (e as { output: unknown }).output);
    expect(collected).toEqual([1, 2, 3]);
    const runIndexes = run.events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'collector').map((e) => (e as { runIndex: number }).runIndex);
    expect(runIndexes).toEqual([0, 1, 2]);
    expect(run.execution.iterationCount).toBe(3);
    expect(run.events.at(-1)).toMatchObject({ type: 'execution_completed', output: {} });
    expect(run.execution.nodeContexts.get('fe')).toEqual({ item_count: 3, remaining_items: [], current_loop_index: 2, has_more_item: false });
    expect(run.run('fe').outputPort).toBe('done');
  });

  it('emits batches in batch mode', async () => {
    const run = await runWorkflow(def({ mode: 'batch', batch_size: 2 }), { items: [1, 2, 3, 4, 5] });
    const loops = run.events
      .filter((e) => e.type === 'node_completed' && e.nodeKey === 'fe' && e.port === 'loop')
      .map((e) => (e as { output: unknown }).output);
    expect(loops).toEqual([[1, 2], [3, 4], [5]]);
    expect(run.run('after').output).toEqual({ item_count: 5, remaining_items: [], current_loop_index: 2, has_more_item: false });
  });

  it('shows what is left in its context to every pass, and stores it in the document', async () => {
    const d = workflow(
      [
        ['trigger', 'manual.trigger'],
        ['fe', 'core.for_each', { collection: '{{ $input.main.items }}', mode: 'single' } as never],
        ['body', 'data.set_data', { mapping_map: { item: '{{ $input.main }}', left: '{{ $nodes.fe.context.remaining_items }}' } }],
      ],
      ['trigger -> fe', 'fe.loop -> body', 'body -> fe'],
    );
    const run = await runWorkflow(d, { items: ['a', 'b', 'c'] });
    const bodies = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'body').map((e) => (e as { output: unknown }).output);
    expect(bodies).toEqual([
      { item: 'a', left: ['b', 'c'] },
      { item: 'b', left: ['c'] },
      { item: 'c', left: [] },
    ]);
    expect(JSON.parse(JSON.stringify(Object.fromEntries(run.execution.nodeContexts)))).toEqual({
      fe: { item_count: 3, remaining_items: [], current_loop_index: 2, has_more_item: false },
    });
  });

  it('goes on from a stored document in the middle of a loop', async () => {
    const d = workflow(
      [
        ['trigger', 'manual.trigger'],
        ['fe', 'core.for_each', { collection: '{{ $input.main.items }}', mode: 'batch', batch_size: 2 } as never],
        ['gate', 'wait.wait', { mode: 'webhook' }],
        ['end', 'data.set_data', { mapping_map: 'end' }],
      ],
      ['trigger -> fe', 'fe.loop -> gate', 'gate -> fe', 'fe.done -> end'],
    );
    const graph = compile(d);
    const run = await new Run(graph, { items: [1, 2, 3, 4, 5] }).start();
    expect(run.execution.status).toBe('suspended');
    const facts = graphFacts(graph);
    const stored = JSON.parse(JSON.stringify(documentOfExecution(run.execution, facts))) as ExecutionDocument;
    expect(stored.node_contexts).toEqual({ fe: { item_count: 5, remaining_items: [3, 4, 5], current_loop_index: 0, has_more_item: true } });
    run.execution = decodeExecution(stored, facts);
    for (let pass = 0; pass < 3; pass++) await run.resume({ reason: 'resume', data: {} });
    expect(run.execution.status).toBe('completed');
    const batches = run.events
      .filter((e) => e.type === 'node_completed' && e.nodeKey === 'fe' && e.port === 'loop')
      .map((e) => (e as { output: unknown }).output);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(run.execution.nodeContexts.get('fe')).toEqual({ item_count: 5, remaining_items: [], current_loop_index: 2, has_more_item: false });
  });

  it('goes straight to done on an empty collection', async () => {
    const run = await runWorkflow(def({ mode: 'single' }), { items: [] });
    expect(run.order).toEqual(['trigger#0', 'fe#1', 'after#2']);
    expect(run.run('fe')).toMatchObject({ outputPort: 'done', output: {} });
  });

  it('renders collection on the first run only', async () => {
    // The body's output has no `items`; re-rendering the template on loopbacks would fail validation.
    const run = await runWorkflow(def({ mode: 'single' }), { items: ['a', 'b'] });
    expect(run.execution.status).toBe('completed');
  });

  it('rejects a non-array collection with invalid_collection_type', async () => {
    const run = await runWorkflow(def({ mode: 'single' }), { items: { a: 1 } });
    expect(run.run('fe').error).toMatchObject({ code: 'invalid_collection_type', details: { collection: '{"a":1}' } });
  });

  it('requires collection on first runs', async () => {
    const run = await runWorkflow(def({ mode: 'single' }), {});
    expect(run.run('fe').error).toMatchObject({ code: 'invalid_params', details: { errors: { 'params.collection': ['is required'] } } });
  });
});

describe('nested for_each', () => {
  /*
    trigger --> outer.main
    outer.loop --> inner.main
    inner.loop --> collect --> inner.main
    inner.done --> outer.main
    outer.done --> end
  */
  it('starts the inner loop afresh each time the outer loop re-enters it', async () => {
    const def = workflow(
      [
        ['trigger', 'manual.trigger'],
        ['outer', 'core.for_each', { collection: [1, 2], mode: 'single' }],
        ['inner', 'core.for_each', { collection: ['a', 'b'], mode: 'single' }],
        ['collect', 'data.set_data', { mapping_map: '{{ $input.main }}' }],
        ['end', 'data.set_data', { mapping_map: 'end' }],
      ],
      ['trigger -> outer', 'outer.loop -> inner', 'inner.loop -> collect', 'collect -> inner', 'inner.done -> outer', 'outer.done -> end'],
    );
    const run = await runWorkflow(def);
    expect(run.execution.status).toBe('completed');
    const collected = run.events.filter((e) => e.type === 'node_completed' && e.nodeKey === 'collect').map((e) => (e as { output: unknown }).output);
    expect(collected).toEqual(['a', 'b', 'a', 'b']);
    const innerStarts = run.events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'inner').map((e) => (e as { loopback: boolean }).loopback);
    expect(innerStarts).toEqual([false, true, true, false, true, true]);
    const outerStarts = run.events.filter((e) => e.type === 'node_starting' && e.nodeKey === 'outer').map((e) => (e as { loopback: boolean }).loopback);
    expect(outerStarts).toEqual([false, true, true]);
  });
});
