import { describe, expect, it } from 'vitest';
import type { Execution } from '../../../src/domain/execution.js';
import { complete } from '../../../src/domain/outcome.js';
import { createExecution, transition, type Command, type EngineInput } from '../../../src/engine/index.js';
import { Run, compile, workflow } from './harness.js';

/** Drives the bare transition by hand: the test plays the runner. */
function stepper(def: ReturnType<typeof workflow>) {
  const graph = compile(def);
  const env = new Run(graph).env;
  let execution: Execution = createExecution(graph, { id: 'e', input: {}, createdAt: 0 }, env.limits);
  const log: Command[] = [];
  const apply = (input: EngineInput) => {
    const result = transition(execution, graph, input, env);
    execution = result.execution;
    log.push(...result.commands);
    return result;
  };
  return {
    apply,
    get execution() {
      return execution;
    },
    log,
  };
}

describe('transition', () => {
  it('runs pure node types inline and asks the runner to execute the others', () => {
    const s = stepper(
      workflow(
        [
          ['t', 'manual.trigger'],
          ['a', 'http.request', { url: 'http://127.0.0.1:1/' }],
          ['b', 'data.set_data'],
        ],
        ['t -> a', 'a -> b'],
      ),
    );
    const first = s.apply({ kind: 'start', now: 1 });
    expect(first.events.map((e) => e.type)).toEqual(['execution_started', 'node_starting', 'node_completed', 'node_starting']);
    expect(first.commands.map((c) => c.kind)).toEqual(['execute_node']);
    const exec = first.commands.at(-1) as Extract<Command, { kind: 'execute_node' }>;
    expect(exec.context).toMatchObject({ nodeKey: 'a', runIndex: 0, executionIndex: 1, attempt: 0, runKey: 'e:a:0' });
    expect(exec.params).toMatchObject({ url: 'http://127.0.0.1:1/', method: 'GET' });
    const second = s.apply({ kind: 'node_outcome', now: 2, nodeKey: 'a', runIndex: 0, outcome: complete({ status: 200 }) });
    expect(second.events.map((e) => e.type)).toEqual(['node_completed', 'node_starting', 'node_completed', 'execution_completed']);
    expect(second.commands).toEqual([
      { kind: 'persist', reason: 'checkpoint' },
      { kind: 'persist', reason: 'terminal' },
    ]);
    expect(s.execution.status).toBe('completed');
  });

  it('records a cancel while a node runs and ends cancelled after its outcome', () => {
    const s = stepper(
      workflow(
        [
          ['t', 'manual.trigger'],
          ['a', 'http.request', { url: 'http://127.0.0.1:1/' }],
          ['b', 'data.set_data'],
        ],
        ['t -> a', 'a -> b'],
      ),
    );
    s.apply({ kind: 'start', now: 1 });
    const cancel = s.apply({ kind: 'cancel', now: 3, reason: 'enough' });
    expect(cancel.commands).toEqual([]);
    expect(cancel.events).toEqual([]);
    expect(s.execution.status).toBe('running');
    const done = s.apply({ kind: 'node_outcome', now: 4, nodeKey: 'a', runIndex: 0, outcome: complete({ v: 1 }) });
    const types = done.events.map((e) => e.type);
    expect(types).toEqual(['node_completed', 'execution_cancelled']);
    expect(s.execution.status).toBe('cancelled');
    expect(done.events.find((e) => e.type === 'execution_cancelled')).toMatchObject({ reason: 'enough', nodeKey: 'a' });
    expect(s.execution.runs.has('b')).toBe(false);
  });

  it('refuses an outcome for a run that is not in flight', () => {
    const s = stepper(
      workflow(
        [
          ['t', 'manual.trigger'],
          ['a', 'http.request', { url: 'http://127.0.0.1:1/' }],
        ],
        ['t -> a'],
      ),
    );
    s.apply({ kind: 'start', now: 1 });
    const stale = s.apply({ kind: 'node_outcome', now: 2, nodeKey: 'a', runIndex: 5, outcome: complete({}) });
    expect(stale.refusal).toMatchObject({ reason: 'stale_outcome' });
    expect(stale.commands).toEqual([]);
  });

  it('refuses to start twice', () => {
    const s = stepper(workflow([['t', 'manual.trigger']], []));
    s.apply({ kind: 'start', now: 1 });
    expect(s.apply({ kind: 'start', now: 2 }).refusal).toMatchObject({ reason: 'already_started' });
  });

  it('records an engine fault reported by the runner as a failed execution', () => {
    const s = stepper(
      workflow(
        [
          ['t', 'manual.trigger'],
          ['a', 'http.request', { url: 'http://127.0.0.1:1/' }],
        ],
        ['t -> a'],
      ),
    );
    s.apply({ kind: 'start', now: 1 });
    s.apply({ kind: 'abort', now: 2, error: { type: 'execution_too_large', message: 'too big' } });
    expect(s.execution.status).toBe('failed');
    expect(s.execution.engineError).toEqual({ type: 'execution_too_large', message: 'too big' });
  });
});
