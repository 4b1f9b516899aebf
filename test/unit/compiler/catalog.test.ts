import { describe, expect, it } from 'vitest';
import { compileWorkflow, referencedGraphIds, type CompileOptions } from '../../../src/compiler/index.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { builtinRegistry } from '../../../src/nodes/builtin/catalog.js';
import { line } from './compile-helpers.js';
import { node, workflow } from './workflow-builder.js';

const registry = builtinRegistry();
const T = node('t', 'manual.trigger');

function compileReal(definition: WorkflowDefinition, options: Partial<CompileOptions> = {}) {
  return compileWorkflow(definition, { registry, ...options });
}

function linesReal(definition: WorkflowDefinition, options: Partial<CompileOptions> = {}): string[] {
  return compileReal(definition, options).diagnostics.map(line);
}

describe('compileWorkflow with the built-in catalog', () => {
  it('compiles the counter loop with no diagnostics', () => {
    //  start -> init -> increment -> cond --true--> increment
    //                                    \--false-> done
    const result = compileReal(
      workflow(
        [
          node('start', 'manual.trigger'),
          node('init', 'workflow.set_state', { counter: 0 }),
          node('increment', 'data.set_data', { mapping_map: { n: '{{ $execution.run_index }}' } }),
          node('cond', 'logic.if_condition', { condition: '{{ $execution.run_index < 3 }}' }),
          node('done', 'core.log'),
        ],
        ['start -> init', 'init -> increment', 'increment -> cond', 'cond.true -> increment', 'cond.false -> done'],
      ),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.graph.loops).toEqual([{ id: 'loop_1', members: ['cond', 'increment'] }]);
  });

  it('warns about set_data params that are not declared', () => {
    expect(linesReal(workflow([T, node('s', 'data.set_data', { counter: 0 })], ['t -> s']))).toEqual(['warning unknown_param node=s path=params.counter']);
  });

  it('rejects a literal unknown merge strategy with the quoted message', () => {
    const result = compileReal(
      workflow(
        [T, node('a', 'core.log'), node('b', 'core.log'), node('m', 'data.merge', { strategy: 'zip' })],
        ['t -> a', 't -> b', 'a -> m.input_a', 'b -> m.input_b'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.code === 'invalid_params')).toEqual([
      { code: 'invalid_params', severity: 'error', nodeKey: 'm', paramPath: 'params.strategy', message: 'must be one of: append, merge, concat' },
    ]);
  });

  it('reports code.javascript syntax errors and never treats code as a template', () => {
    const bad = workflow([T, node('c', 'code.javascript', { code: 'function run( {' })], ['t -> c']);
    expect(linesReal(bad)).toEqual(['error code_syntax_error node=c path=params.code']);
    const braces = workflow([T, node('c', 'code.javascript', { code: 'function run() { return "{{ not a template"; }' })], ['t -> c']);
    expect(linesReal(braces)).toEqual([]);
  });

  it('rejects on_error continue on if, switch and for_each', () => {
    const def = workflow(
      [
        T,
        node('if', 'logic.if_condition', { condition: true }, { onError: 'continue' }),
        node('sw', 'logic.switch', { cases: [{ condition: true, port: 'a' }] }, { onError: 'continue' }),
        node('fe', 'core.for_each', { collection: [1], mode: 'single' }, { onError: 'continue' }),
        node('body', 'core.log'),
      ],
      ['t -> if', 'if.true -> sw', 'sw.a -> fe', 'fe.loop -> body', 'body -> fe'],
    );
    expect(
      compileReal(def)
        .diagnostics.filter((d) => d.severity === 'error')
        .map(line),
    ).toEqual([
      'error on_error_continue_unsupported node=if path=settings.on_error',
      'error on_error_continue_unsupported node=sw path=settings.on_error',
      'error on_error_continue_unsupported node=fe path=settings.on_error',
    ]);
  });

  it('checks switch ports when cases are literal, and accepts any port when they are not', () => {
    const literal = workflow(
      [
        T,
        node('sw', 'logic.switch', {
          cases: [
            { condition: '{{ $input.main.x }}', port: 'a' },
            { condition: true, port: 'default' },
          ],
        }),
        node('x', 'core.log'),
      ],
      ['t -> sw', 'sw.a -> x', 'sw.b -> x'],
    );
    expect(linesReal(literal)).toEqual(['error unknown_output_port node=sw port=b path=connections[2]']);
    const templated = workflow([T, node('sw', 'logic.switch', { cases: '{{ $vars.cases }}' }), node('x', 'core.log')], ['t -> sw', 'sw.b -> x']);
    const result = compileReal(templated);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.graph.nodes.get('sw')?.outputPorts).toBeNull();
  });

  it('gives task.external its declared extra ports and requires a literal list', () => {
    const ok = compileReal(
      workflow([T, node('k', 'task.external', { task_type: 'review', output_ports: ['approved'] }), node('x', 'core.log')], ['t -> k', 'k.approved -> x']),
    );
    expect(ok.diagnostics).toEqual([]);
    expect(ok.ok && ok.graph.nodes.get('k')?.outputPorts).toEqual(['main', 'approved']);
    const templated = workflow([T, node('k', 'task.external', { task_type: 'review', output_ports: '{{ $vars.ports }}' })], ['t -> k']);
    expect(compileReal(templated).diagnostics).toMatchObject([
      { code: 'invalid_params', nodeKey: 'k', paramPath: 'params.output_ports', message: 'must be a literal list of port names' },
    ]);
  });

  it('warns about a for_each outside any loop', () => {
    const def = workflow([T, node('fe', 'core.for_each', { collection: [1, 2], mode: 'single' }), node('body', 'core.log')], ['t -> fe', 'fe.loop -> body']);
    expect(linesReal(def)).toEqual(['warning for_each_without_loop node=fe']);
  });

  it('raises the branch warnings for examples C and D', () => {
    const c = workflow([T, node('a', 'core.log'), node('b', 'core.log'), node('c', 'core.log')], ['t -> a', 't -> b', 'a -> c', 'b -> c']);
    expect(linesReal(c)).toEqual(['warning parallel_join_on_single_port node=c port=main']);
    const d = workflow(
      [T, node('if', 'logic.if_condition', { condition: '{{ $input.main.ok }}' }), node('x', 'core.log'), node('y', 'core.log'), node('m', 'data.merge')],
      ['t -> if', 'if.true -> x', 'if.false -> y', 'x -> m.input_a', 'y -> m.input_b'],
    );
    expect(linesReal(d)).toEqual(['warning exclusive_branches_into_multi_port node=m port=input_a']);
  });

  it('lists trigger keys when several built-in triggers exist', () => {
    const def = workflow(
      [node('start', 'manual.trigger'), node('hook', 'http.webhook_trigger', { path: '/x' }), node('a', 'core.log')],
      ['start -> a', 'hook -> a'],
    );
    expect(compileReal(def).diagnostics.map((d) => d.message)).toEqual(['several trigger nodes and no trigger named: start, hook']);
  });

  it('connects the http.request timeout port and records connected ports', () => {
    const result = compileReal(
      workflow([T, node('h', 'http.request', { url: 'https://example.com' }), node('late', 'core.log')], ['t -> h', 'h.timeout -> late']),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && [...(result.graph.nodes.get('h')?.connectedPorts ?? [])]).toEqual(['timeout']);
  });

  it('reports literal wait.wait problems as invalid_params', () => {
    const def = workflow([T, node('w', 'wait.wait', { mode: 'interval', duration: -1 })], ['t -> w']);
    expect(compileReal(def).diagnostics.map(line)).toEqual(['error invalid_params node=w path=params.duration']);
  });

  it('checks literal sub-workflow ids against the known graphs', () => {
    const def = workflow([T, node('s', 'workflow.execute_workflow', { workflow_id: 'child-graph' })], ['t -> s']);
    expect(referencedGraphIds(def)).toEqual(['child-graph']);
    expect(linesReal(def, { knownGraphIds: new Set() })).toEqual(['warning sub_workflow_not_found node=s path=params.workflow_id']);
    expect(linesReal(def, { knownGraphIds: new Set(['child-graph']) })).toEqual([]);
  });
});
