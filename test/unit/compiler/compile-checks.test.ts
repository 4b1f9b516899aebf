import { describe, expect, it } from 'vitest';
import { referencedGraphIds } from '../../../src/compiler/index.js';
import { compile, line, lines, withCode } from './compile-helpers.js';
import { conn, node, workflow } from './workflow-builder.js';

const T = node('t', 'test.trigger');

describe('compileWorkflow checks', () => {
  it('compiles a valid workflow with no diagnostics', () => {
    const result = compile(workflow([T, node('a', 'test.action')], ['t -> a']));
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it('1 invalid_workflow: empty id, version < 1, non-object variables, no nodes', () => {
    expect(lines({ id: '', name: 'x', version: 0, variables: [1], nodes: [], connections: [] })).toEqual([
      'error invalid_workflow path=id',
      'error invalid_workflow path=nodes',
      'error invalid_workflow path=variables',
      'error invalid_workflow path=version',
      'error no_trigger',
    ]);
    expect(lines(workflow([T], [], { version: 1.5 }))).toEqual(['error invalid_workflow path=version']);
  });

  it('2 workflow_too_large: nodes and connections over the limits', () => {
    const def = workflow([T, node('a', 'test.action'), node('b', 'test.action')], ['t -> a', 'a -> b']);
    expect(lines(def, { limits: { maxNodes: 2, maxConnections: 1 } })).toEqual([
      'error workflow_too_large path=connections',
      'error workflow_too_large path=nodes',
    ]);
    expect(compile(def, { limits: { maxNodes: 3, maxConnections: 2 } }).ok).toBe(true);
  });

  it('3 invalid_workflow_settings: max_loop_iterations outside 1 to the ceiling', () => {
    const def = (n: number) => workflow([T], [], { settings: { maxLoopIterations: n } });
    expect(lines(def(0))).toEqual(['error invalid_workflow_settings path=settings.max_loop_iterations']);
    expect(lines(def(1.5))).toEqual(['error invalid_workflow_settings path=settings.max_loop_iterations']);
    expect(lines(def(1_000_001))).toEqual(['error invalid_workflow_settings path=settings.max_loop_iterations']);
    expect(lines(def(11), { limits: { maxLoopIterationsCeiling: 10 } })).toEqual(['error invalid_workflow_settings path=settings.max_loop_iterations']);
    const ok = compile(def(1_000_000));
    expect(ok.ok && ok.graph.maxLoopIterations).toBe(1_000_000);
  });

  it('4 invalid_node_key: keys outside [A-Za-z0-9_-]{1,128}', () => {
    const def = workflow(
      [
        T,
        node('bad key', 'test.action'),
        node('', 'test.action'),
        node('k'.repeat(129), 'test.action'),
        node('fetch-user', 'test.action'),
        node('2nd', 'test.action'),
      ],
      ['t -> fetch-user', 'fetch-user -> 2nd'],
    );
    expect(withCode(def, 'invalid_node_key').map((d) => d.nodeKey)).toEqual(['bad key', '', 'k'.repeat(129)]);
  });

  it('5 duplicate_node_key: reported on the later node', () => {
    const def = workflow([T, node('a', 'test.action'), node('b', 'test.action'), node('a', 'test.if', { condition: true })], ['t -> a', 'a -> b']);
    const found = compile(def).diagnostics;
    expect(found.map(line)).toEqual(['error duplicate_node_key node=a']);
    expect(found[0]?.message).toContain('"a"');
  });

  it('6 unknown_node_type', () => {
    const found = withCode(workflow([T, node('a', 'no.such')], ['t -> a']), 'unknown_node_type');
    expect(found).toEqual([{ code: 'unknown_node_type', severity: 'error', nodeKey: 'a', message: 'Unknown node type: no.such' }]);
  });

  it('6 unknown_node_type suggests a registered type that is near', () => {
    const found = withCode(workflow([T, node('a', 'test.actoin')], ['t -> a']), 'unknown_node_type');
    expect(found[0]?.message).toBe('Unknown node type: test.actoin (did you mean "test.action"?)');
  });

  it('7 invalid_node_settings: every bound, with settings.<field> paths', () => {
    const def = workflow(
      [
        T,
        node(
          'a',
          'test.action',
          {},
          { onError: 'ignore', retryOnFailed: 'yes' as unknown as boolean, maxRetries: 0, retryDelayMs: 60_001, retryBackoff: 0.5, retryMaxDelayMs: -1 },
        ),
        node('b', 'test.action', {}, { maxRetries: 11, retryDelayMs: 1.5, retryBackoff: 11, retryMaxDelayMs: 86_400_001 }),
        node(
          'c',
          'test.action',
          {},
          { onError: 'continue', retryOnFailed: true, maxRetries: 10, retryDelayMs: 0, retryBackoff: 10, retryMaxDelayMs: 86_400_000 },
        ),
      ],
      ['t -> a', 'a -> b', 'b -> c'],
    );
    expect(lines(def)).toEqual([
      'error invalid_node_settings node=a path=settings.max_retries',
      'error invalid_node_settings node=a path=settings.on_error',
      'error invalid_node_settings node=a path=settings.retry_backoff',
      'error invalid_node_settings node=a path=settings.retry_delay_ms',
      'error invalid_node_settings node=a path=settings.retry_max_delay_ms',
      'error invalid_node_settings node=a path=settings.retry_on_failed',
      'error invalid_node_settings node=b path=settings.max_retries',
      'error invalid_node_settings node=b path=settings.retry_backoff',
      'error invalid_node_settings node=b path=settings.retry_delay_ms',
      'error invalid_node_settings node=b path=settings.retry_max_delay_ms',
    ]);
    const messages = withCode(def, 'invalid_node_settings').map((d) => d.message);
    expect(messages).toContain('must be one of: stop_workflow, continue, continue_error_output');
    expect(messages).toContain('must be at least 1');
    expect(messages).toContain('must be at most 10');
  });

  it('8 on_error_continue_unsupported: continue on a type without a default port, with the quoted message', () => {
    const def = workflow(
      [T, node('if', 'test.if', { condition: true }, { onError: 'continue' }), node('x', 'test.action', {}, { onError: 'continue' })],
      ['t -> if', 'if.true -> x'],
    );
    expect(withCode(def, 'on_error_continue_unsupported')).toEqual([
      {
        code: 'on_error_continue_unsupported',
        severity: 'error',
        nodeKey: 'if',
        paramPath: 'settings.on_error',
        message: 'on_error "continue" needs a default output port; use "continue_error_output"',
      },
    ]);
    const ok = workflow([T, node('if', 'test.if', { condition: true }, { onError: 'continue_error_output' })], ['t -> if']);
    expect(compile(ok).ok).toBe(true);
  });

  it('9 template and directive errors, at the path of the string or directive', () => {
    const def = workflow(
      [
        T,
        node('a', 'test.action', {
          value: { deep: ['ok', '{{ 1 + }}'] },
          url: '{{ $input.main | no_such_filter }}',
        }),
        node('b', 'test.action', { value: { '#if': ['{{ true }}'] } }),
      ],
      ['t -> a', 'a -> b'],
    );
    expect(lines(def)).toEqual([
      'error unknown_filter node=a path=params.url',
      'error template_syntax_error node=a path=params.value.deep[1]',
      'error invalid_directive node=b path=params.value',
    ]);
    const [filter, syntax] = compile(def).diagnostics;
    expect(syntax?.message).toMatch(/^Template syntax error at line 1, column \d+: /);
    expect(filter?.message).toBe('Unknown filter or function: no_such_filter');
  });

  it('9 template_too_large follows the template limits', () => {
    const def = workflow([T, node('a', 'test.action', { url: `{{ "${'x'.repeat(50)}" }}` })], ['t -> a']);
    expect(lines(def, { limits: { templates: { maxTemplateBytes: 20 } } })).toEqual(['error template_too_large node=a path=params.url']);
    expect(compile(def).ok).toBe(true);
  });

  it('9 never compiles raw params as templates', () => {
    const def = workflow([T, node('c', 'test.code', { code: 'const s = "{{ not a template";' })], ['t -> c']);
    expect(lines(def)).toEqual([]);
  });

  it('10 directive_extra_keys: a warning; the workflow still compiles', () => {
    const def = workflow([T, node('a', 'test.action', { value: { '#map': ['{{ $input.main.tags }}', '{{ $loop.item }}'], other: 1 } })], ['t -> a']);
    const result = compile(def);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(line)).toEqual(['warning directive_extra_keys node=a path=params.value']);
  });

  it('11 invalid_params: literal params against the schema, one diagnostic per path', () => {
    const def = workflow(
      [
        T,
        node('a', 'test.action', { count: 'x', mode: 'c' }),
        node('b', 'test.action', { count: 20 }),
        node('r', 'test.required'),
        node('s', 'test.switch', {
          cases: [
            { condition: true, port: 'p' },
            { condition: 'yes', port: 'q' },
          ],
        }),
      ],
      ['t -> a', 'a -> b', 'b -> r', 'r -> s'],
    );
    const found = withCode(def, 'invalid_params');
    expect(found.map(line)).toEqual([
      'error invalid_params node=a path=params.count',
      'error invalid_params node=a path=params.mode',
      'error invalid_params node=b path=params.count',
      'error invalid_params node=r path=params.url',
      'error invalid_params node=s path=params.cases[1].condition',
    ]);
    expect(found.map((d) => d.message)).toEqual(['is invalid', 'must be one of: a, b', 'must be at most 10', 'is required', 'is invalid']);
  });

  it('11 skips params that hold a template anywhere inside, but not absent required ones', () => {
    const def = workflow(
      [
        T,
        node('a', 'test.action', { count: '{{ $vars.n }}', mode: ['{{ 1 }}'] }),
        node('r', 'test.required', { url: '{{ $vars.url }}' }),
        node('s', 'test.switch', { cases: [{ condition: '{{ $input.main.ok }}', port: 'p' }] }),
      ],
      ['t -> a', 'a -> r', 'r -> s'],
    );
    expect(compile(def).diagnostics).toEqual([]);
  });

  it('11 reports field errors of the type compile checks as invalid_params', () => {
    const def = workflow([T, node('p', 'test.ports', { ports: '{{ $vars.ports }}' })], ['t -> p']);
    expect(withCode(def, 'invalid_params')).toEqual([
      { code: 'invalid_params', severity: 'error', nodeKey: 'p', paramPath: 'params.ports', message: 'must be a literal list of port names' },
    ]);
  });

  it('11 params that are not an object', () => {
    const def = workflow([T, node('a', 'test.action', 'oops')], ['t -> a']);
    expect(lines(def)).toEqual(['error invalid_params node=a path=params']);
  });

  it('12 unknown_param: undeclared top-level params of closed schemas only', () => {
    const def = workflow([node('t', 'test.hook', { path: '/x', anything: 1 }), node('a', 'test.action', { counter: 0, 'x-y': '{{ 1 }}' })], ['t -> a']);
    const result = compile(def);
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(line)).toEqual(['warning unknown_param node=a path=params.counter', 'warning unknown_param node=a path=params["x-y"]']);
  });

  it('13 code_syntax_error keeps the code of the type finding', () => {
    const def = workflow([T, node('c', 'test.code', { code: 'function run( @@' })], ['t -> c']);
    expect(withCode(def, 'code_syntax_error')).toEqual([
      { code: 'code_syntax_error', severity: 'error', nodeKey: 'c', paramPath: 'params.code', message: 'Unexpected token (1:0)' },
    ]);
  });

  it('14 unknown_connection_node: each end that names no node', () => {
    const def = workflow([T, node('a', 'test.action')], ['t -> a', 'ghost -> a', 'a -> nowhere', 'x -> y']);
    expect(withCode(def, 'unknown_connection_node').map(line)).toEqual([
      'error unknown_connection_node node=ghost path=connections[1]',
      'error unknown_connection_node node=nowhere path=connections[2]',
      'error unknown_connection_node node=x path=connections[3]',
      'error unknown_connection_node node=y path=connections[3]',
    ]);
  });

  it('15 unknown_output_port: declared ports, "error" always, literal switch ports, any valid name otherwise', () => {
    const def = workflow(
      [
        T,
        node('a', 'test.action'),
        node('s', 'test.switch', { cases: [{ condition: true, port: 'left' }] }),
        node('d', 'test.switch', { cases: '{{ $vars.cases }}' }),
        node('x', 'test.action'),
      ],
      ['t -> a', 'a.nope -> x', 'a.error -> x', 'a -> s', 's.left -> x', 's.right -> x', 'a -> d', 'd.anything -> x', 'd.bad!name -> x'],
    );
    expect(withCode(def, 'unknown_output_port').map(line)).toEqual([
      'error unknown_output_port node=a port=nope path=connections[1]',
      'error unknown_output_port node=s port=right path=connections[5]',
      'error unknown_output_port node=d port=bad!name path=connections[8]',
    ]);
  });

  it('15, 16 unknown ports list the ports there are and suggest a near one', () => {
    const def = workflow(
      [T, node('s', 'test.switch', { cases: [{ condition: true, port: 'left' }] }), node('m', 'test.merge'), node('x', 'test.action')],
      ['t -> s', 's.lfet -> x', 's.left -> m.input_c', 's.left -> m.zzz'],
    );
    const messages = compile(def)
      .diagnostics.filter((d) => d.code.startsWith('unknown_'))
      .map((d) => d.message);
    expect(messages[0]).toBe('node "s" of type "test.switch" has no output port "lfet" (did you mean "left"?); its ports are "left", "error"');
    expect(messages[1]).toMatch(
      /^node "m" of type "test.merge" has no input port "input_c" \(did you mean "input_[ab]"\?\); its ports are "input_a", "input_b"$/,
    );
    expect(messages[2]).toBe('node "m" of type "test.merge" has no input port "zzz"; its ports are "input_a", "input_b"');
  });

  it('16 unknown_input_port: undeclared ports and any connection into a trigger', () => {
    const def = workflow([T, node('a', 'test.action'), node('m', 'test.merge')], ['t -> a', 'a -> m', 'a -> m.input_a', 'a -> t', 'a -> a.other']);
    expect(withCode(def, 'unknown_input_port').map(line)).toEqual([
      'error unknown_input_port node=m port=main path=connections[1]',
      'error unknown_input_port node=t port=main path=connections[3]',
      'error unknown_input_port node=a port=other path=connections[4]',
    ]);
  });

  it('17 duplicate_connection: a warning, and the duplicate is dropped', () => {
    const def = { ...workflow([T, node('a', 'test.action')]), connections: [conn('t -> a'), conn('t.main -> a.main'), conn('t -> a')] };
    const result = compile(def);
    expect(result.diagnostics.map(line)).toEqual(['warning duplicate_connection path=connections[1]', 'warning duplicate_connection path=connections[2]']);
    expect(result.ok && result.graph.connections.map((e) => e.index)).toEqual([0]);
  });

  it('18 error_port_unused: an "error" connection on a node that is not continue_error_output', () => {
    const def = workflow(
      [T, node('a', 'test.action'), node('b', 'test.action', {}, { onError: 'continue_error_output' }), node('h', 'test.action')],
      ['t -> a', 'a -> b', 'a.error -> h', 'b.error -> h'],
    );
    expect(lines(def)).toEqual(['warning error_port_unused node=a port=error path=connections[2]']);
  });

  it('19 no_trigger', () => {
    expect(lines(workflow([node('a', 'test.action')]))).toEqual(['error no_trigger']);
  });

  it('19 multiple_triggers lists the trigger keys in definition order', () => {
    const def = workflow([node('start', 'test.trigger'), node('a', 'test.action'), node('hook', 'test.hook')], ['start -> a', 'hook -> a']);
    expect(withCode(def, 'multiple_triggers')).toEqual([
      { code: 'multiple_triggers', severity: 'error', message: 'several trigger nodes and no trigger named: start, hook' },
    ]);
  });

  it('19 a named trigger chooses among several', () => {
    const def = workflow([node('start', 'test.trigger'), node('a', 'test.action'), node('hook', 'test.hook')], ['start -> a', 'hook -> a'], {
      trigger: 'hook',
    });
    const result = compile(def);
    expect(result.ok && result.graph.trigger).toBe('hook');
    expect(result.diagnostics.map(line)).toEqual(['warning unreachable_node node=start']);
  });

  it('19 trigger_not_found and not_a_trigger', () => {
    expect(withCode(workflow([T], [], { trigger: 'nope' }), 'trigger_not_found').map(line)).toEqual(['error trigger_not_found node=nope']);
    expect(withCode(workflow([T, node('a', 'test.action')], ['t -> a'], { trigger: 'a' }), 'not_a_trigger')).toEqual([
      { code: 'not_a_trigger', severity: 'error', nodeKey: 'a', message: 'node "a" of type "test.action" is not a trigger' },
    ]);
  });

  it('19 skips checks 20 to 23 when trigger selection fails', () => {
    const def = workflow([node('a', 'test.action'), node('b', 'test.action')], []);
    expect(lines(def)).toEqual(['error no_trigger']);
  });

  it('20 unreachable_node: a warning, and the node is pruned', () => {
    const result = compile(workflow([T, node('a', 'test.action'), node('orphan', 'test.action'), node('b', 'test.action')], ['t -> a', 'orphan -> b']));
    expect(result.diagnostics.map(line)).toEqual(['warning unreachable_node node=orphan', 'warning unreachable_node node=b']);
    expect(result.ok && [...result.graph.nodes.keys()]).toEqual(['t', 'a']);
  });

  it('20 ignores connections that failed checks 14 to 16', () => {
    const def = workflow([T, node('a', 'test.action'), node('b', 'test.action')], ['t -> a.wrong', 't.wrong -> b']);
    expect(lines(def)).toEqual([
      'error unknown_output_port node=t port=wrong path=connections[1]',
      'error unknown_input_port node=a port=wrong path=connections[0]',
      'warning unreachable_node node=a',
      'warning unreachable_node node=b',
    ]);
  });

  it('21 for_each_without_loop: only when nothing returns to the for_each', () => {
    const params = { collection: [1, 2], mode: 'single' };
    const alone = workflow([T, node('fe', 'core.for_each', params), node('body', 'test.action')], ['t -> fe', 'fe.loop -> body']);
    expect(lines(alone)).toEqual(['warning for_each_without_loop node=fe']);
    const looped = workflow(
      [T, node('fe', 'core.for_each', params), node('body', 'test.action'), node('after', 'test.action')],
      ['t -> fe', 'fe.loop -> body', 'body -> fe', 'fe.done -> after'],
    );
    expect(lines(looped)).toEqual([]);
  });

  it('22 parallel_join_on_single_port (example C) with the quoted message', () => {
    //  t --+--> a --+
    //      +--> b --+--> c.main
    const def = workflow([T, node('a', 'test.action'), node('b', 'test.action'), node('c', 'test.action')], ['t -> a', 't -> b', 'a -> c', 'b -> c']);
    const result = compile(def);
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        code: 'parallel_join_on_single_port',
        severity: 'warning',
        nodeKey: 'c',
        port: 'main',
        message: '"c.main" is fed by parallel branches (a, b); c runs once per arriving branch',
      },
    ]);
  });

  it('22 is not raised for an IF diamond into one port', () => {
    //  t --> if --true--> x --+
    //           \--false-> y --+--> m.main
    const def = workflow(
      [T, node('if', 'test.if', { condition: true }), node('x', 'test.action'), node('y', 'test.action'), node('m', 'test.action')],
      ['t -> if', 'if.true -> x', 'if.false -> y', 'x -> m', 'y -> m'],
    );
    expect(lines(def)).toEqual([]);
  });

  it('23 exclusive_branches_into_multi_port (example D) with the quoted message', () => {
    //  t --> if --true--> x --> m.input_a
    //           \--false-> y --> m.input_b
    const def = workflow(
      [T, node('if', 'test.if', { condition: true }), node('x', 'test.action'), node('y', 'test.action'), node('m', 'test.merge')],
      ['t -> if', 'if.true -> x', 'if.false -> y', 'x -> m.input_a', 'y -> m.input_b'],
    );
    expect(compile(def).diagnostics).toEqual([
      {
        code: 'exclusive_branches_into_multi_port',
        severity: 'warning',
        nodeKey: 'm',
        port: 'input_a',
        message: 'input ports "input_a" and "input_b" of m are fed by mutually exclusive branches',
      },
    ]);
  });

  it('23 is not raised for a parallel fork into two ports (example A)', () => {
    const def = workflow(
      [T, node('a1', 'test.action'), node('a2', 'test.action'), node('b1', 'test.action'), node('b2', 'test.action'), node('m', 'test.merge')],
      ['t -> a1', 'a1 -> a2', 'a2 -> m.input_a', 't -> b1', 'b1 -> b2', 'b2 -> m.input_b'],
    );
    expect(lines(def)).toEqual([]);
  });

  it('24 sub_workflow_not_found: literal ids missing from the known graphs', () => {
    const def = workflow(
      [
        T,
        node('s1', 'workflow.execute_workflow', { workflow_id: 'abc' }),
        node('s2', 'workflow.execute_workflow', { workflow_id: 'known' }),
        node('s3', 'workflow.execute_workflow', { workflow_id: '{{ $vars.child }}' }),
        node('s4', 'workflow.execute_workflow', { workflow_id: 'abc' }),
      ],
      ['t -> s1', 's1 -> s2', 's2 -> s3', 's3 -> s4'],
    );
    expect(lines(def, { knownGraphIds: new Set(['known']) })).toEqual([
      'warning sub_workflow_not_found node=s1 path=params.workflow_id',
      'warning sub_workflow_not_found node=s4 path=params.workflow_id',
    ]);
    expect(lines(def)).toEqual([]);
    expect(referencedGraphIds(def)).toEqual(['abc', 'known']);
  });
});

describe('diagnostic order', () => {
  it('returns every finding at once: errors by check, position and path, then warnings', () => {
    const def = workflow(
      [
        node('t', 'test.trigger', { extra: 1 }),
        node('b', 'test.action', { mode: 'z', count: 0, stray: 1 }, { maxRetries: 0 }),
        node('a', 'no.such'),
        node('b', 'test.action'),
        node('orphan', 'test.action'),
      ],
      ['t -> b', 'b -> ghost', 't -> b'],
    );
    expect(lines(def)).toEqual([
      'error duplicate_node_key node=b',
      'error unknown_node_type node=a',
      'error invalid_node_settings node=b path=settings.max_retries',
      'error invalid_params node=b path=params.count',
      'error invalid_params node=b path=params.mode',
      'error unknown_connection_node node=ghost path=connections[1]',
      'warning unknown_param node=t path=params.extra',
      'warning unknown_param node=b path=params.stray',
      'warning duplicate_connection path=connections[2]',
      'warning unreachable_node node=a',
      'warning unreachable_node node=orphan',
    ]);
  });

  it('gives the same diagnostics when compiled twice', () => {
    const def = workflow([T, node('a', 'test.action', { oops: 1 }), node('o', 'test.action')], ['t -> a']);
    expect(compile(def).diagnostics).toEqual(compile(def).diagnostics);
  });
});
