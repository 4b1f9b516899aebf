import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../../../src/domain/json.js';
import type { Outcome } from '../../../../src/domain/outcome.js';
import type { Resumption } from '../../../../src/domain/resumption.js';
import type { SuspensionRequest } from '../../../../src/domain/suspension.js';
import { validateParams } from '../../../../src/nodes/kit/schema.js';
import { taskExternalNode } from '../../../../src/nodes/builtin/task-external.js';
import { NOW, runContext } from './suspending-context.js';

const LITERAL_LIST = 'must be a literal list of port names';

function validated(params: JsonObject): JsonObject {
  const result = validateParams(taskExternalNode.schema, params);
  if (!result.ok) throw new Error(`unexpected schema failure: ${JSON.stringify(result.errors)}`);
  return result.value;
}

async function resume(resumption: Resumption, params: JsonObject = { task_type: 'review' }, suspension: SuspensionRequest | null = null): Promise<Outcome> {
  const handler = taskExternalNode.resume;
  if (handler === undefined) throw new Error('task.external has a resume handler');
  return handler(validated(params), runContext({ suspension }), resumption);
}

describe('task.external declaration', () => {
  it('has input main, output main plus dynamic ports, default main, and side effects', () => {
    expect(taskExternalNode.type).toBe('task.external');
    expect(taskExternalNode.trigger).toBe(false);
    expect(taskExternalNode.inputPorts).toEqual(['main']);
    expect(taskExternalNode.outputPorts).toEqual(['main']);
    expect(taskExternalNode.dynamicPorts).toBe(true);
    expect(taskExternalNode.defaultPort).toBe('main');
    expect(taskExternalNode.sideEffects).toBe(true);
  });
});

describe('task.external schema', () => {
  const cases: ReadonlyArray<readonly [string, JsonObject, ReturnType<typeof validateParams>]> = [
    ['defaults', { task_type: 'billing.review:v2' }, { ok: true, value: { task_type: 'billing.review:v2', output_ports: [], timeout_ms: 3_600_000 } }],
    [
      'every field',
      { task_type: 'a_b-c', input: { x: 1 }, output_ports: ['approved', 'rejected'], timeout_ms: '5000' },
      { ok: true, value: { task_type: 'a_b-c', input: { x: 1 }, output_ports: ['approved', 'rejected'], timeout_ms: 5000 } },
    ],
    ['task_type absent', {}, { ok: false, errors: { 'params.task_type': ['is required'] } }],
    ['task_type empty', { task_type: '' }, { ok: false, errors: { 'params.task_type': ['must be at least 1 characters'] } }],
    ['task_type too long', { task_type: 'x'.repeat(129) }, { ok: false, errors: { 'params.task_type': ['must be at most 128 characters'] } }],
    ['task_type bad character', { task_type: 'send mail' }, { ok: false, errors: { 'params.task_type': ['must match [A-Za-z0-9_.:-]'] } }],
    ['timeout_ms zero', { task_type: 't', timeout_ms: 0 }, { ok: false, errors: { 'params.timeout_ms': ['must be at least 1'] } }],
    ['timeout_ms above 30 days', { task_type: 't', timeout_ms: 2_592_000_001 }, { ok: false, errors: { 'params.timeout_ms': ['must be at most 2592000000'] } }],
    ['timeout_ms fractional', { task_type: 't', timeout_ms: 1.5 }, { ok: false, errors: { 'params.timeout_ms': ['is invalid'] } }],
    ['output_ports with main', { task_type: 't', output_ports: ['main'] }, { ok: false, errors: { 'params.output_ports': [LITERAL_LIST] } }],
    ['output_ports not an array', { task_type: 't', output_ports: 'approved' }, { ok: false, errors: { 'params.output_ports': ['is invalid'] } }],
  ];

  it.each(cases)('%s', (_name, params, expected) => {
    expect(validateParams(taskExternalNode.schema, params)).toEqual(expected);
  });

  it('keeps a 128-character task type', () => {
    expect(validateParams(taskExternalNode.schema, { task_type: 'x'.repeat(128) }).ok).toBe(true);
  });
});

describe('task.external compile checks and literal ports', () => {
  const compileChecks = taskExternalNode.compileChecks;
  const literalOutputPorts = taskExternalNode.literalOutputPorts;
  if (compileChecks === undefined || literalOutputPorts === undefined) throw new Error('task.external declares compile checks and literal ports');

  const cases: ReadonlyArray<readonly [string, JsonObject, readonly string[], boolean, readonly string[] | null]> = [
    ['absent', { task_type: 't' }, [], true, ['main']],
    ['empty', { output_ports: [] }, [], true, ['main']],
    ['valid names', { output_ports: ['approved', 'needs-info', 'X_9'] }, [], true, ['main', 'approved', 'needs-info', 'X_9']],
    ['duplicates collapse', { output_ports: ['a', 'b', 'a'] }, [], true, ['main', 'a', 'b']],
    ['64-character name', { output_ports: ['p'.repeat(64)] }, [], true, ['main', 'p'.repeat(64)]],
    ['templated list', { output_ports: '{{ $vars.ports }}' }, ['output_ports'], false, null],
    ['templated element', { output_ports: ['ok', '{{ $vars.port }}'] }, ['output_ports'], false, null],
    ['"error"', { output_ports: ['error'] }, [], false, null],
    ['"main"', { output_ports: ['ok', 'main'] }, [], false, null],
    ['invalid characters', { output_ports: ['needs info'] }, [], false, null],
    ['empty name', { output_ports: [''] }, [], false, null],
    ['65-character name', { output_ports: ['p'.repeat(65)] }, [], false, null],
    ['a number', { output_ports: [1] }, [], false, null],
    ['not a list', { output_ports: 'approved' }, [], false, null],
    ['an object', { output_ports: { approved: true } }, [], false, null],
  ];

  it.each(cases)('%s', (_name, params, templated, valid, ports) => {
    const templatedSet = new Set(templated);
    expect(compileChecks(params, templatedSet)).toEqual({ fieldErrors: valid ? {} : { 'params.output_ports': [LITERAL_LIST] }, findings: [] });
    expect(literalOutputPorts(params, templatedSet)).toEqual(ports);
  });
});

describe('task.external execute', () => {
  it('suspends on a deterministic task with the input param', async () => {
    const params = validated({ task_type: 'review', input: { doc: 7 }, output_ports: ['approved', 'rejected'], timeout_ms: 60_000 });
    const ctx = runContext({ executionId: 'e-9', nodeKey: 'review', runIndex: 2, attempt: 1, input: { main: { ignored: true } } });
    expect(await taskExternalNode.execute(params, ctx)).toEqual({
      kind: 'suspend',
      suspension: {
        kind: 'task',
        taskId: 'task:e-9:review:2:1',
        taskType: 'review',
        timeoutAt: NOW + 60_000,
        timeoutMs: 60_000,
        outputPorts: ['approved', 'rejected'],
        input: { doc: 7 },
      },
    });
  });

  const inputs: ReadonlyArray<readonly [string, JsonObject, JsonObject, Json]> = [
    ['input param wins', { input: [1, 2] }, { main: { a: 1 } }, [1, 2]],
    ['input param false is kept', { input: false }, { main: { a: 1 } }, false],
    ['null input param means $input.main', { input: null }, { main: { a: 1 } }, { a: 1 }],
    ['absent input param means $input.main', {}, { main: 'text' }, 'text'],
    ['no input at all', {}, {}, null],
  ];

  it.each(inputs)('task input: %s', async (_name, extra, input, expected) => {
    const suspension = (await taskExternalNode.execute(validated({ task_type: 't', ...extra }), runContext({ input }))) as Extract<
      Outcome,
      { kind: 'suspend' }
    >;
    expect(suspension.suspension).toMatchObject({ kind: 'task', timeoutAt: NOW + 3_600_000, timeoutMs: 3_600_000, outputPorts: [], input: expected });
  });
});

describe('task.external resume', () => {
  const taskSuspension: SuspensionRequest = { kind: 'task', taskId: 'task:x', taskType: 'review', timeoutAt: NOW + 250, timeoutMs: 250, outputPorts: [] };

  it('a completed task completes on its port with its output', async () => {
    expect(await resume({ reason: 'task', result: { kind: 'completed', output: { ok: 1 }, port: 'approved' } })).toEqual({
      kind: 'complete',
      output: { ok: 1 },
      port: 'approved',
    });
    expect(await resume({ reason: 'task', result: { kind: 'completed', output: null, port: 'main' } })).toEqual({
      kind: 'complete',
      output: null,
      port: 'main',
    });
  });

  it('a completed task without a port completes on main', async () => {
    expect(await resume({ reason: 'task', result: { kind: 'completed', output: 1, port: '' } })).toEqual({ kind: 'complete', output: 1, port: 'main' });
  });

  it('a failed task is a node error with its code, message and details', async () => {
    const result = { kind: 'failed' as const, error: { code: 'vendor_down', message: 'Vendor API unavailable', details: { status: 503 } } };
    expect(await resume({ reason: 'task', result })).toEqual({
      kind: 'error',
      error: { code: 'vendor_down', message: 'Vendor API unavailable', details: { status: 503 } },
    });
  });

  it('a failed task without a code is task_failed; without a message it gets a generic one', async () => {
    expect(await resume({ reason: 'task', result: { kind: 'failed', error: { code: '', message: 'boom' } } })).toEqual({
      kind: 'error',
      error: { code: 'task_failed', message: 'boom' },
    });
    expect(await resume({ reason: 'task', result: { kind: 'failed', error: { code: '', message: '' } } })).toEqual({
      kind: 'error',
      error: { code: 'task_failed', message: 'External task failed' },
    });
  });

  it('the deadline is task_timeout with the suspension’s timeout', async () => {
    expect(await resume({ reason: 'deadline' }, { task_type: 'review', timeout_ms: 999 }, taskSuspension)).toEqual({
      kind: 'error',
      error: { code: 'task_timeout', message: 'External task timed out after 250 ms' },
    });
  });

  it('the deadline falls back to the stored timeout_ms without a suspension', async () => {
    expect(await resume({ reason: 'deadline' }, { task_type: 'review', timeout_ms: 999 })).toEqual({
      kind: 'error',
      error: { code: 'task_timeout', message: 'External task timed out after 999 ms' },
    });
  });

  it('refuses reasons a task can never end with', async () => {
    await expect(resume({ reason: 'timer' })).rejects.toThrow('task.external cannot be resumed with reason "timer"');
    await expect(resume({ reason: 'resume', data: 1 })).rejects.toThrow('reason "resume"');
    await expect(resume({ reason: 'sub_workflow', children: [] })).rejects.toThrow('reason "sub_workflow"');
  });
});
