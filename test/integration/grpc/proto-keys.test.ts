// A "__proto__" key is ordinary data: it round-trips through input, params, expressions, code results
// and the stored execution, on each store, and never reaches an object's prototype.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionView, ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { startTestService, type TestService } from './support/test-service.js';
import { lineWorkflow } from './support/workflows.js';

const own = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Object.getOwnPropertyDescriptor(value, key)?.value : undefined;

describeEachBackend('"__proto__" keys', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
  });
  afterAll(() => t.close());

  it('round-trip as data through input, params, expressions, code results and the stored execution', async () => {
    const workflow = lineWorkflow('proto-keys', [
      {
        key: 'code',
        type: 'code.javascript',
        params: { code: 'function run(input) { return { received: input.main, made: JSON.parse(\'{"__proto__": {"b": 2}, "k": 1}\') }; }' },
      },
      {
        key: 'set',
        type: 'data.set_data',
        params: {
          mapping_map: JSON.parse('{"__proto__": {"fixed": true}, "passed": "{{ $input.main.made }}", "read": "{{ $input.main.made.k }}"}') as object,
        },
      },
    ]);
    const compiled = must(await a.compile(workflow));
    expect(compiled.diagnostics).toEqual([]);
    const input = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const { execution } = must(await a.start({ graphId: compiled.graphId, input, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
    expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);

    const stored = must(await a.get({ executionId: execution?.id ?? '', view: ExecutionView.EXECUTION_VIEW_FULL })).execution;
    expect(own(stored?.input, '__proto__')).toEqual({ polluted: true });
    const output = stored?.output as Record<string, unknown>;
    expect(own(output, '__proto__')).toEqual({ fixed: true });
    expect(own(output.passed, '__proto__')).toEqual({ b: 2 });
    expect(output.read).toBe(1);
    const codeRun = stored?.nodeExecutions.find((run) => run.nodeKey === 'code');
    expect(own(own(codeRun?.output, 'received'), '__proto__')).toEqual({ polluted: true });
    // Nothing reached a prototype on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
  });
});
