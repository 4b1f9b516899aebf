import { describe, expect, it } from 'vitest';
import { COMPILER_VERSION, graphIdOf } from '../../../src/compiler/index.js';
import type { CompiledGraph } from '../../../src/nodes/kit/compiled-graph.js';
import type { NodeDefinition, WorkflowDefinition } from '../../../src/domain/workflow.js';
import { compile } from './compile-helpers.js';
import { node, workflow } from './workflow-builder.js';

const T = node('t', 'test.trigger');

function graphOf(definition: WorkflowDefinition): CompiledGraph {
  const result = compile(definition);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.graph;
}

function idOf(definition: WorkflowDefinition): string {
  return graphOf(definition).id;
}

describe('compiled graph', () => {
  it('prunes an unreachable source, so it no longer blocks its target', () => {
    //  trigger -> x -> m.input_a
    //  orphan  ----->  m.input_b        (orphan is unreachable)
    const result = compile(
      workflow(
        [node('trigger', 'test.trigger'), node('x', 'test.action'), node('orphan', 'test.action'), node('m', 'test.merge')],
        ['trigger -> x', 'x -> m.input_a', 'orphan -> m.input_b'],
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics).toMatchObject([{ code: 'unreachable_node', severity: 'warning', nodeKey: 'orphan' }]);
    const { graph } = result;
    expect([...graph.nodes.keys()]).toEqual(['trigger', 'x', 'm']);
    expect(graph.connections.map((e) => e.index)).toEqual([0, 1]);
    const m = graph.nodes.get('m');
    expect(m?.incoming.get('input_a')?.map((e) => e.from)).toEqual(['x']);
    expect(m?.incoming.get('input_b')).toEqual([]);
  });

  it('annotates the loop of a -> b -> c -> b', () => {
    //  a --> b --> c
    //        ^-----'
    const graph = graphOf(workflow([node('a', 'test.trigger'), node('b', 'test.action'), node('c', 'test.action')], ['a -> b', 'b -> c', 'c -> b']));
    expect(graph.loops).toEqual([{ id: 'loop_1', members: ['b', 'c'] }]);
    expect(graph.nodes.get('a')?.loop).toEqual({ level: 0, role: 'not_in_loop', ids: [] });
    expect(graph.nodes.get('b')?.loop).toEqual({ level: 1, role: 'start_loop', ids: ['loop_1'] });
    expect(graph.nodes.get('c')?.loop).toEqual({ level: 1, role: 'end_loop', ids: ['loop_1'] });
  });

  it('annotates the counter loop', () => {
    //  start -> init -> increment -> cond --true--> increment
    //                                    \--false-> done
    const result = compile(
      workflow(
        [
          node('start', 'test.trigger'),
          node('init', 'test.action'),
          node('increment', 'test.action'),
          node('cond', 'test.if', { condition: '{{ $execution.run_index < 3 }}' }),
          node('done', 'test.action'),
        ],
        ['start -> init', 'init -> increment', 'increment -> cond', 'cond.true -> increment', 'cond.false -> done'],
      ),
    );
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) return;
    const { graph } = result;
    expect(graph.loops).toEqual([{ id: 'loop_1', members: ['cond', 'increment'] }]);
    expect(graph.nodes.get('cond')?.loop.role).toBe('start_loop');
    expect(graph.nodes.get('increment')?.loop.role).toBe('end_loop');
    for (const key of ['start', 'init', 'done']) expect(graph.nodes.get(key)?.loop.level).toBe(0);
    expect(
      graph.nodes
        .get('increment')
        ?.incoming.get('main')
        ?.map((e) => e.from),
    ).toEqual(['init', 'cond']);
  });

  it('fills defaults: settings, ports main, version 1, variables {}, node names', () => {
    const graph = graphOf(workflow([T, node('a', 'test.action')], ['t -> a']));
    expect(graph.workflowId).toBe('wf');
    expect(graph.workflowName).toBe('Test');
    expect(graph.workflowVersion).toBe(1);
    expect(graph.variables).toEqual({});
    expect(graph.maxLoopIterations).toBeNull();
    expect(graph.compilerVersion).toBe(COMPILER_VERSION);
    expect(graph.trigger).toBe('t');
    const a = graph.nodes.get('a');
    expect(a?.settings).toEqual({
      onError: 'stop_workflow',
      retryOnFailed: false,
      maxRetries: 1,
      retryDelayMs: 1000,
      retryBackoff: 1,
      retryMaxDelayMs: 3_600_000,
    });
    expect(a?.name).toBe('');
    expect(a?.params).toEqual({});
    expect(graph.definition.connections).toEqual([{ from: 't', fromPort: 'main', to: 'a', toPort: 'main' }]);
    expect(graph.definition.nodes[1]).toEqual({ key: 'a', name: '', type: 'test.action', params: {}, settings: a?.settings });
  });

  it('holds per-node ports, connection maps and precompiled params', () => {
    //  t --> if --true--> s --left--> x
    //           \--false--> d --any--> x
    //  (s: switch with literal ports, d: switch with templated cases)
    const graph = graphOf(
      workflow(
        [
          T,
          node('if', 'test.if', { condition: '{{ $input.main.ok }}' }),
          node('s', 'test.switch', {
            cases: [
              { condition: true, port: 'left' },
              { condition: true, port: 'right' },
            ],
          }),
          node('d', 'test.switch', { cases: '{{ $vars.cases }}' }),
          node('x', 'test.action', { count: '3', value: { k: [1] } }),
        ],
        ['t -> if', 'if.true -> s', 'if.false -> d', 's.left -> x', 'd.any -> x', 'if.true -> x'],
      ),
    );
    const ifNode = graph.nodes.get('if');
    expect(ifNode?.index).toBe(1);
    expect(ifNode?.inputPorts).toEqual(['main']);
    expect(ifNode?.outputPorts).toEqual(['true', 'false']);
    expect(ifNode?.defaultPort).toBeNull();
    expect([...(ifNode?.outgoing.keys() ?? [])]).toEqual(['true', 'false']);
    expect(ifNode?.outgoing.get('true')?.map((e) => `${e.to}:${e.index}`)).toEqual(['s:1', 'x:5']);
    expect([...(ifNode?.connectedPorts ?? [])]).toEqual(['true', 'false']);
    expect(ifNode?.constantParams).toBeNull();
    expect(ifNode?.plan.isConstant).toBe(false);
    expect(graph.nodes.get('s')?.outputPorts).toEqual(['left', 'right']);
    expect(graph.nodes.get('s')?.constantParams).toEqual({
      cases: [
        { condition: true, port: 'left' },
        { condition: true, port: 'right' },
      ],
    });
    expect(graph.nodes.get('d')?.outputPorts).toBeNull();
    const x = graph.nodes.get('x');
    expect(x?.plan.isConstant).toBe(true);
    expect(x?.constantParams).toEqual({ value: { k: [1] }, count: 3, mode: 'a' });
    expect(x?.incoming.get('main')?.map((e) => e.from)).toEqual(['s', 'd', 'if']);
    expect(x?.connectedPorts.size).toBe(0);
    expect(graph.nodes.get('t')?.incoming.size).toBe(0);
  });

  it('is deep-frozen and leaves the definition untouched', () => {
    const params = { value: { list: [1, 2] } };
    const definition = workflow([T, node('a', 'test.action', params)], ['t -> a']);
    const graph = graphOf(definition);
    const a = graph.nodes.get('a');
    expect(Object.isFrozen(graph)).toBe(true);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.params)).toBe(true);
    expect(Object.isFrozen((a?.params.value as { list: unknown }).list)).toBe(true);
    expect(Object.isFrozen(a?.settings)).toBe(true);
    expect(Object.isFrozen(a?.loop)).toBe(true);
    expect(Object.isFrozen(a?.constantParams)).toBe(true);
    expect(Object.isFrozen(graph.connections[0])).toBe(true);
    expect(Object.isFrozen(graph.definition.nodes)).toBe(true);
    expect(() => (graph.nodes as Map<string, unknown>).set('z', {})).toThrow(TypeError);
    expect(() => (graph.nodes as Map<string, unknown>).delete('a')).toThrow(TypeError);
    expect(() => (a?.outgoing as Map<string, unknown>).clear()).toThrow(TypeError);
    expect(() => (graph.nodes.get('t')?.connectedPorts as Set<string>).add('x')).toThrow(TypeError);
    expect(Object.isFrozen(params)).toBe(false);
    expect(Object.isFrozen(definition)).toBe(false);
  });

  it('compiles a 1000-node chain and a 1000-node loop', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const nodes: NodeDefinition[] = keys.map((key, i) => node(key, i === 0 ? 'test.trigger' : 'test.action'));
    const chainText = keys.slice(1).map((key, i) => `${keys[i]} -> ${key}`);
    const chain = graphOf(workflow(nodes, chainText));
    expect(chain.nodes.size).toBe(1000);
    expect(chain.loops).toEqual([]);
    const loop = graphOf(workflow(nodes, [...chainText, 'n999 -> n1']));
    expect(loop.loops).toHaveLength(1);
    expect(loop.loops[0]?.members).toHaveLength(999);
  });
});

describe('graph id', () => {
  const base = () => workflow([T, node('a', 'test.action', { value: 1, url: 'x' }), node('b', 'test.action')], ['t -> a', 't -> b'], { variables: { k: 1 } });

  it('is lowercase hex SHA-256 and the same for the same definition', () => {
    const id = idOf(base());
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(idOf(base())).toBe(id);
  });

  it('is the same when defaults are spelled out', () => {
    const explicit = workflow(
      [
        { ...T, name: '', params: {}, settings: { onError: 'stop_workflow', maxRetries: 1 } },
        node('a', 'test.action', { url: 'x', value: 1 }),
        node('b', 'test.action', {}),
      ],
      ['t.main -> a.main', 't -> b.main'],
      { variables: { k: 1 }, version: 1 },
    );
    expect(idOf(explicit)).toBe(idOf(base()));
  });

  it('changes with node order, connection order, params, settings, variables and version', () => {
    const id = idOf(base());
    const b = base();
    const variants: WorkflowDefinition[] = [
      { ...b, nodes: [b.nodes[0] as NodeDefinition, b.nodes[2] as NodeDefinition, b.nodes[1] as NodeDefinition] },
      { ...b, connections: [...b.connections].reverse() },
      workflow([T, node('a', 'test.action', { value: 2, url: 'x' }), node('b', 'test.action')], ['t -> a', 't -> b'], { variables: { k: 1 } }),
      workflow([T, node('a', 'test.action', { value: 1, url: 'x' }, { maxRetries: 2 }), node('b', 'test.action')], ['t -> a', 't -> b'], {
        variables: { k: 1 },
      }),
      { ...b, variables: { k: 2 } },
      { ...b, version: 2 },
      { ...b, name: 'Other' },
    ];
    const ids = variants.map(idOf);
    for (const other of ids) expect(other).not.toBe(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same when the graph is rebuilt from its stored definition', () => {
    const graph = graphOf({ ...base(), settings: { maxLoopIterations: 5 }, trigger: 't' });
    const rebuilt = graphOf(graph.definition);
    expect(rebuilt.id).toBe(graph.id);
    expect(rebuilt.maxLoopIterations).toBe(5);
  });

  it('depends on the compiler version', () => {
    const definition = { id: 'wf' };
    expect(graphIdOf(definition, 'v1')).not.toBe(graphIdOf(definition, 'v2'));
    expect(graphIdOf(definition)).toBe(graphIdOf(definition, COMPILER_VERSION));
  });
});
