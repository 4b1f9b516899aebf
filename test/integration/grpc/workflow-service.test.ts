// WorkflowService: CompileWorkflow (graph id or every diagnostic, idempotent) and GetWorkflowGraph
// (the compiled graph with every default filled in), against each store.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DiagnosticSeverity } from '../../../src/gen/prana/v1/diagnostics.js';
import { LoopRole } from '../../../src/gen/prana/v1/graph.js';
import { OnError, type Workflow } from '../../../src/gen/prana/v1/workflow.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { startTestService, type TestService } from './support/test-service.js';
import { webhookWorkflow } from './support/workflows.js';

describeEachBackend('WorkflowService', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
  });
  afterAll(() => t.close());

  it('compiles a workflow to a content-hash graph id, the same for the same definition', async () => {
    const first = must(await a.compile(webhookWorkflow()));
    expect(first.graphId).toMatch(/^[0-9a-f]{64}$/);
    expect(first.diagnostics).toEqual([]);
    expect(must(await a.compile(webhookWorkflow())).graphId).toBe(first.graphId);
    expect(must(await a.compile({ ...webhookWorkflow(), version: 2 })).graphId).not.toBe(first.graphId);
  });

  it('answers every error diagnostic and no graph id for a broken workflow (not an RPC failure)', async () => {
    const broken: Workflow = {
      ...webhookWorkflow(),
      id: '',
      nodes: [
        ...webhookWorkflow().nodes,
        { key: 'bad key!', name: '', type: 'no.such_type', params: {}, settings: undefined },
        {
          key: 'retry',
          name: '',
          type: 'core.log',
          params: {},
          settings: {
            onError: 9 as OnError,
            retryOnFailed: undefined,
            maxRetries: 99,
            retryDelayMs: undefined,
            retryBackoff: undefined,
            retryMaxDelayMs: undefined,
          },
        },
      ],
    };
    const answer = must(await a.compile(broken));
    expect(answer.graphId).toBe('');
    const errors = answer.diagnostics.filter((d) => d.severity === DiagnosticSeverity.DIAGNOSTIC_SEVERITY_ERROR);
    expect(errors.map((d) => [d.code, d.nodeKey, d.paramPath])).toEqual(
      expect.arrayContaining([
        ['invalid_workflow', '', 'id'],
        ['invalid_node_key', 'bad key!', expect.any(String)],
        ['invalid_node_settings', 'retry', 'settings.on_error'],
        ['invalid_node_settings', 'retry', 'settings.max_retries'],
      ]),
    );
    expect(answer.diagnostics.every((d) => d.severity !== DiagnosticSeverity.DIAGNOSTIC_SEVERITY_UNSPECIFIED && d.message !== '')).toBe(true);
  });

  it('returns warnings with a graph id when nothing is an error', async () => {
    const warned: Workflow = {
      ...webhookWorkflow('warned'),
      nodes: [...webhookWorkflow().nodes, { key: 'orphan', name: '', type: 'core.log', params: {}, settings: undefined }],
    };
    const answer = must(await a.compile(warned));
    expect(answer.graphId).not.toBe('');
    expect(answer.diagnostics).toEqual([
      expect.objectContaining({ code: 'unreachable_node', severity: DiagnosticSeverity.DIAGNOSTIC_SEVERITY_WARNING, nodeKey: 'orphan' }),
    ]);
  });

  it('returns the compiled graph: reachable nodes in order, settings filled in, ports "main", loop roles', async () => {
    const workflow: Workflow = {
      ...webhookWorkflow('graph-shape'),
      settings: { maxLoopIterations: 50 },
      nodes: webhookWorkflow().nodes.map((node) =>
        node.key === 'done'
          ? {
              ...node,
              settings: {
                onError: OnError.ON_ERROR_CONTINUE,
                retryOnFailed: true,
                maxRetries: 3,
                retryDelayMs: '250',
                retryBackoff: 2,
                retryMaxDelayMs: undefined,
              },
            }
          : node,
      ),
    };
    const graphId = must(await a.compile(workflow)).graphId;
    const graph = must(await a.getGraph(graphId)).graph;
    expect(graph).toMatchObject({
      id: graphId,
      workflowId: 'graph-shape',
      workflowVersion: 1,
      workflowName: 'Approval',
      triggerKey: 'start',
      variables: { greeting: 'hello' },
      maxLoopIterations: 50,
    });
    expect(graph?.compilerVersion).not.toBe('');
    expect(graph?.nodes.map((n) => [n.key, n.type, n.inputPorts, n.outputPorts, n.defaultPort])).toEqual([
      ['start', 'manual.trigger', [], ['main'], 'main'],
      ['wait', 'wait.wait', ['main'], ['main', 'timeout'], 'main'],
      ['done', 'data.set_data', ['main'], ['main'], 'main'],
    ]);
    expect(graph?.nodes[2]?.settings).toEqual({
      onError: OnError.ON_ERROR_CONTINUE,
      retryOnFailed: true,
      maxRetries: 3,
      retryDelayMs: '250',
      retryBackoff: 2,
      retryMaxDelayMs: '3600000',
    });
    expect(graph?.nodes[0]?.settings).toEqual({
      onError: OnError.ON_ERROR_STOP_WORKFLOW,
      retryOnFailed: false,
      maxRetries: 1,
      retryDelayMs: '1000',
      retryBackoff: 1,
      retryMaxDelayMs: '3600000',
    });
    expect(graph?.nodes.every((n) => n.loop?.role === LoopRole.LOOP_ROLE_NOT_IN_LOOP && n.loop.level === 0)).toBe(true);
    expect(graph?.connections).toEqual([
      { fromNode: 'start', fromPort: 'main', toNode: 'wait', toPort: 'main' },
      { fromNode: 'wait', fromPort: 'main', toNode: 'done', toPort: 'main' },
    ]);
  });

  it('keeps any JSON in params: nested objects, lists, null, booleans and numbers', async () => {
    const params = { mapping_map: { list: [1, 'two', null, true, { deep: [[]] }], n: 1.5, empty: {} } };
    const workflow: Workflow = {
      ...webhookWorkflow('json-params'),
      nodes: webhookWorkflow().nodes.map((node) => (node.key === 'done' ? { ...node, params } : node)),
    };
    const graph = must(await a.getGraph(must(await a.compile(workflow)).graphId)).graph;
    expect(graph?.nodes.find((n) => n.key === 'done')?.params).toEqual(params);
  });
});
