import { describe, expect, it } from 'vitest';
import { Run, compile, runWorkflow, workflow } from './harness.js';

const T = ['t', 'manual.trigger'] as const;
const after = (key: string) => [key, 'data.set_data', { mapping_map: '{{ $input.main }}' }] as const;

describe('on_error', () => {
  /*  t -> f -> s  */
  it('stop_workflow fails the run and the execution', async () => {
    const run = await runWorkflow(workflow([T, ['f', 'test.fail'], after('s')], ['t -> f', 'f -> s']));
    expect(run.trace.slice(-3)).toEqual(['node_starting(f)', 'node_failed(f)', 'execution_failed']);
    expect(run.execution.status).toBe('failed');
    expect(run.run('f')).toMatchObject({
      status: 'failed',
      outputPort: null,
      error: { code: 'test_error', message: 'Simulated failure', details: { node: 'f', action: 'test.fail' } },
    });
    expect(run.events.at(-1)).toMatchObject({ type: 'execution_failed', error: { code: 'test_error' } });
    expect(run.execution.runs.has('s')).toBe(false);
  });

  it('continue completes on the default port with the wrapped error', async () => {
    const def = workflow(
      [T, ['f', 'test.fail', {}, { onError: 'continue' }], ['s', 'data.set_data', { mapping_map: '{{ $input.main.details.error.code }}' }]],
      ['t -> f', 'f -> s'],
    );
    const run = await runWorkflow(def);
    expect(run.execution.status).toBe('completed');
    expect(run.run('f').output).toEqual({
      code: 'action_error',
      message: 'Action returned error',
      details: {
        error: { code: 'test_error', message: 'Simulated failure', details: { node: 'f', action: 'test.fail' } },
        port: 'main',
        on_error_behavior: 'default_port',
      },
    });
    expect(run.run('s').output).toBe('test_error');
  });

  /*  t -> f ; f.error -> h  */
  it('continue_error_output completes on the error port', async () => {
    const def = workflow([T, ['f', 'test.fail', {}, { onError: 'continue_error_output' }], after('h'), after('ok')], ['t -> f', 'f.error -> h', 'f -> ok']);
    const run = await runWorkflow(def);
    expect(run.trace).toEqual([
      'execution_started',
      'node_starting(t)',
      'node_completed(t)',
      'node_starting(f)',
      'node_completed(f)',
      'node_starting(h)',
      'node_completed(h)',
      'execution_completed',
    ]);
    expect(run.run('f').outputPort).toBe('error');
    expect(run.run('h').output).toMatchObject({ details: { port: 'error', on_error_behavior: 'error_port' } });
    expect(run.execution.runs.has('ok')).toBe(false);
  });

  it('continue_error_output with nothing connected to error still completes', async () => {
    const run = await runWorkflow(workflow([T, ['f', 'test.fail', {}, { onError: 'continue_error_output' }], after('s')], ['t -> f', 'f -> s']));
    expect(run.execution.status).toBe('completed');
    expect(run.order).toEqual(['t#0', 'f#1']);
  });

  it('turns an exception into node_exception', async () => {
    const run = await runWorkflow(workflow([T, ['x', 'test.throw']], ['t -> x']));
    expect(run.run('x').error).toEqual({
      code: 'node_exception',
      message: 'Node raised an exception',
      details: { reason: 'boom', node: 'x', action: 'test.throw' },
    });
  });

  it('refuses an undeclared output port with invalid_output_port', async () => {
    const run = await runWorkflow(workflow([T, ['x', 'test.port', { port: 'nope' }]], ['t -> x']));
    expect(run.run('x').error).toMatchObject({ code: 'invalid_output_port', message: 'Invalid output port specified', details: { port: 'nope' } });
  });

  it('fails a template evaluation error with expression_error, never retried', async () => {
    const def = workflow([T, ['x', 'data.set_data', { mapping_map: { a: '{{ 1 / 0 }}' } }, { retryOnFailed: true, maxRetries: 3 }]], ['t -> x']);
    const run = await runWorkflow(def);
    expect(run.execution.status).toBe('failed');
    expect(run.run('x').error).toEqual({
      code: 'expression_error',
      message: 'Expression error in params.mapping_map.a: Division by zero',
      details: { param_path: 'params.mapping_map.a', reason: 'Division by zero', node: 'x', action: 'data.set_data' },
    });
    expect(run.trace).not.toContain('node_retry_scheduled(x)');
  });

  it('fails rendered params that break the schema with invalid_params', async () => {
    const run = await runWorkflow(workflow([T, ['x', 'logic.if_condition', { condition: '{{ "yes" }}' }]], ['t -> x']));
    expect(run.run('x').error).toEqual({
      code: 'invalid_params',
      message: 'Parameter validation failed',
      details: { errors: { 'params.condition': ['is invalid'] }, node: 'x', action: 'logic.if_condition' },
    });
  });
});

describe('retry', () => {
  const retrying = (times: number | undefined, settings: object) =>
    compile(workflow([T, ['f', 'test.fail', times === undefined ? {} : { times }, { retryOnFailed: true, ...settings }], after('s')], ['t -> f', 'f -> s']));

  it('suspends, fires at wait_till, then succeeds', async () => {
    const run = await new Run(retrying(1, { maxRetries: 2, retryDelayMs: 1000 })).start();
    expect(run.execution.status).toBe('suspended');
    expect(run.trace.slice(-3)).toEqual(['node_starting(f)', 'node_retry_scheduled(f)', 'execution_suspended']);
    const scheduled = run.events.find((e) => e.type === 'node_retry_scheduled');
    expect(scheduled).toMatchObject({ attempt: 1, waitTill: run.clock + 1000, error: { code: 'test_error' } });
    expect(run.run('f').suspension).toMatchObject({ kind: 'retry', attempt: 1, maxRetries: 2, waitTill: run.clock + 1000 });

    await run.advanceAndWake(999);
    expect(run.lastRefusal).toMatchObject({ reason: 'not_due' });
    await run.advanceAndWake(1);
    expect(run.execution.status).toBe('completed');
    const tail = run.trace.slice(run.trace.indexOf('execution_suspended') + 1);
    expect(tail).toEqual(['execution_resumed', 'node_starting(f)', 'node_completed(f)', 'node_starting(s)', 'node_completed(s)', 'execution_completed']);
    expect(run.run('f')).toMatchObject({ attempt: 1, executionIndex: 1, runIndex: 0, status: 'completed' });
    expect(run.events.find((e) => e.type === 'execution_resumed')).toMatchObject({ reason: 'retry', nodeKey: 'f' });
  });

  it('grows the delay by the backoff up to the cap', async () => {
    const run = await new Run(retrying(undefined, { maxRetries: 4, retryDelayMs: 1000, retryBackoff: 2, retryMaxDelayMs: 5000 })).start();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const s = run.run('f').suspension as { waitTill: number };
      delays.push(s.waitTill - run.clock);
      await run.advanceAndWake(s.waitTill - run.clock);
    }
    expect(delays).toEqual([1000, 2000, 4000, 5000]);
  });

  it('fails for good once retries are used up', async () => {
    const run = await new Run(retrying(undefined, { maxRetries: 1, retryDelayMs: 10 })).start();
    await run.advanceAndWake(10);
    expect(run.trace.slice(-4)).toEqual(['execution_resumed', 'node_starting(f)', 'node_failed(f)', 'execution_failed']);
    expect(run.run('f')).toMatchObject({ status: 'failed', attempt: 1 });
  });

  it('retries before on_error continue applies', async () => {
    const run = await new Run(retrying(undefined, { maxRetries: 1, retryDelayMs: 10, onError: 'continue' })).start();
    expect(run.execution.status).toBe('suspended');
    await run.advanceAndWake(10);
    expect(run.trace.slice(-5)).toEqual(['node_starting(f)', 'node_completed(f)', 'node_starting(s)', 'node_completed(s)', 'execution_completed']);
  });

  it('exposes the attempt to templates', async () => {
    const def = workflow(
      [T, ['f', 'test.fail', { times: '{{ 1 - $execution.attempt }}' }, { retryOnFailed: true, maxRetries: 2, retryDelayMs: 0 }]],
      ['t -> f'],
    );
    const run = await new Run(compile(def)).start();
    await run.advanceAndWake(0);
    expect(run.execution.status).toBe('completed');
  });
});

describe('preparation', () => {
  it('fails the same execution with preparation_failed', async () => {
    const run = await runWorkflow(workflow([T, ['p', 'test.bad_prepare']], ['t -> p']));
    expect(run.trace).toEqual(['execution_started', 'execution_failed']);
    expect(run.execution.engineError).toEqual({
      type: 'preparation_failed',
      message: 'Preparation failed for node p',
      node_key: 'p',
      reason: 'cannot prepare',
    });
  });

  it('stores a webhook wait resume token readable as $execution.preparation', async () => {
    const def = workflow(
      [T, ['link', 'data.set_data', { mapping_map: '{{ $execution.preparation.w.resume_token }}' }], ['w', 'wait.wait', { mode: 'webhook' }]],
      ['t -> link', 'link -> w'],
    );
    const run = await runWorkflow(def);
    expect(run.run('link').output).toBe('tok:exec-1:w:0:0:webhook');
    expect(run.run('w').suspension?.resumeToken).toBe('tok:exec-1:w:0:0:webhook');
  });
});
