// The workflows of the crash test, as prana.v1.Workflow messages: every side effect is an
// http.request to the test's side-effect server, which counts calls by idempotency key.
import { OnError, type Workflow } from '../../src/gen/prana/v1/workflow.js';

type NodeMessage = Workflow['nodes'][number];

function node(key: string, type: string, params: Record<string, unknown> = {}, settings?: NodeMessage['settings']): NodeMessage {
  return { key, name: key, type, params, settings };
}

function line(id: string, nodes: NodeMessage[]): Workflow {
  const connections = nodes.slice(1).map((n, i) => ({ fromNode: (nodes[i] as NodeMessage).key, fromPort: '', toNode: n.key, toPort: '' }));
  return { id, name: id, version: 1, variables: undefined, settings: undefined, nodes, connections, trigger: '' };
}

const call = (key: string, base: string, path = '/effect'): NodeMessage =>
  node(key, 'http.request', { url: `${base}${path}`, method: 'POST', json: { step: key }, timeout: 10_000 });
const keep = (key: string): NodeMessage => node(key, 'data.set_data', { mapping_map: { last: key, status: '{{ $input.main.status }}' } });

/** The kinds of execution the load mixes. */
export type LoadKind = 'chain' | 'interval' | 'webhook' | 'retry' | 'children';

export const LOAD_KINDS: readonly LoadKind[] = ['chain', 'interval', 'webhook', 'retry', 'children'];

/** The child of the `children` kind: one call, then a value. */
export function childWorkflow(base: string): Workflow {
  return line('crash-child', [node('start', 'manual.trigger'), call('child_call', base), keep('child_done')]);
}

/** The workflow of a kind; `child` is the compiled child graph id. */
export function workflowOf(kind: LoadKind, base: string, child: string): Workflow {
  const start = node('start', 'manual.trigger');
  switch (kind) {
    case 'chain':
      return line('crash-chain', [start, call('c1', base), keep('k1'), call('c2', base), keep('k2'), call('c3', base), keep('done')]);
    case 'interval':
      return line('crash-interval', [
        start,
        call('c1', base),
        node('pause', 'wait.wait', { mode: 'interval', duration: 2, unit: 'seconds' }),
        call('c2', base),
        keep('done'),
      ]);
    case 'webhook':
      return line('crash-webhook', [
        start,
        call('c1', base),
        node('approval', 'wait.wait', { mode: 'webhook', timeout_hours: 1 }),
        call('c2', base),
        keep('done'),
      ]);
    case 'retry':
      return line('crash-retry', [
        start,
        node(
          'flaky',
          'http.request',
          { url: `${base}/flaky`, method: 'POST', timeout: 10_000 },
          {
            onError: OnError.ON_ERROR_STOP_WORKFLOW,
            retryOnFailed: true,
            maxRetries: 3,
            retryDelayMs: '500',
            retryBackoff: undefined,
            retryMaxDelayMs: undefined,
          },
        ),
        keep('done'),
      ]);
    case 'children':
      return line('crash-children', [
        start,
        node('children', 'workflow.execute_workflow', {
          workflow_id: child,
          execution_mode: 'sync',
          batch_mode: 'single',
          input_data: [{ n: 1 }, { n: 2 }],
          timeout_ms: 600_000,
        }),
        keep('done'),
      ]);
  }
}
