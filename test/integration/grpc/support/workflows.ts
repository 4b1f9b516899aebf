// Workflow definitions the gRPC tests compile, written as prana.v1.Workflow messages.
import type { Workflow } from '../../../../src/gen/prana/v1/workflow.js';
import { OnError } from '../../../../src/gen/prana/v1/workflow.js';

/** A connection from `from` to `to` on their main ports (empty = "main"). */
function link(fromNode: string, toNode: string, fromPort = '', toPort = ''): Workflow['connections'][number] {
  return { fromNode, fromPort, toNode, toPort };
}

/** A node without settings. */
function node(key: string, type: string, params: Record<string, unknown> = {}): Workflow['nodes'][number] {
  return { key, name: key, type, params, settings: undefined };
}

/** start (manual trigger) → each of `steps` in a line, as workflow `id`. */
export function lineWorkflow(
  id: string,
  steps: readonly { readonly key: string; readonly type: string; readonly params: Record<string, unknown> }[],
): Workflow {
  const nodes = [node('start', 'manual.trigger'), ...steps.map((step) => node(step.key, step.type, step.params))];
  const connections = nodes.slice(1).map((next, index) => link((nodes[index] as Workflow['nodes'][number]).key, next.key));
  return { id, name: id, version: 1, variables: undefined, settings: undefined, trigger: '', nodes, connections };
}

/**
 * start → wait (webhook, 1 h) → done: the wait suspends until a caller resumes it; `done` outputs
 * `{approved: <resume data's approved>, vars: $vars.greeting}`.
 */
export function webhookWorkflow(id = 'approval'): Workflow {
  return {
    id,
    name: 'Approval',
    version: 1,
    variables: { greeting: 'hello' },
    settings: undefined,
    nodes: [
      node('start', 'manual.trigger'),
      node('wait', 'wait.wait', { mode: 'webhook', timeout_hours: 1 }),
      node('done', 'data.set_data', { mapping_map: { approved: '{{ $input.main.approved }}', greeting: '{{ $vars.greeting }}' } }),
    ],
    connections: [link('start', 'wait'), link('wait', 'done')],
    trigger: '',
  };
}

/** start → n1 → … → n<length>: completes at once; each node outputs `{step: i}` (plus `blob` of `blobBytes` characters). */
export function chainWorkflow(length: number, id = 'chain', blobBytes = 0): Workflow {
  const nodes = [node('start', 'manual.trigger')];
  const connections: Workflow['connections'] = [];
  let previous = 'start';
  for (let i = 1; i <= length; i++) {
    const key = `n${i}`;
    nodes.push(node(key, 'data.set_data', { mapping_map: blobBytes === 0 ? { step: i } : { step: i, blob: 'x'.repeat(blobBytes) } }));
    connections.push(link(previous, key));
    previous = key;
  }
  return { id, name: 'Chain', version: 1, variables: undefined, settings: undefined, nodes, connections, trigger: '' };
}

/** start → wait (webhook) → n1 … n<length>: suspends, then emits a burst of events when resumed. */
export function waitThenChainWorkflow(length: number, id = 'wait-then-chain', blobBytes = 0): Workflow {
  const chain = chainWorkflow(length, id, blobBytes);
  const nodes = [...chain.nodes, node('wait', 'wait.wait', { mode: 'webhook', timeout_hours: 1 })];
  const connections = [link('start', 'wait'), link('wait', 'n1'), ...chain.connections.slice(1)];
  return { ...chain, nodes, connections };
}

/** start → work (task.external of `task_type`, extra port "rejected", one retry) → done. */
export function externalTaskWorkflow(taskType: string, id = 'external-task'): Workflow {
  return {
    id,
    name: 'External task',
    version: 1,
    variables: undefined,
    settings: undefined,
    nodes: [
      node('start', 'manual.trigger'),
      {
        ...node('work', 'task.external', { task_type: taskType, input: { order: '{{ $input.main.order }}' }, output_ports: ['rejected'] }),
        settings: {
          onError: OnError.ON_ERROR_STOP_WORKFLOW,
          retryOnFailed: true,
          maxRetries: 1,
          retryDelayMs: '0',
          retryBackoff: undefined,
          retryMaxDelayMs: undefined,
        },
      },
      node('done', 'data.set_data', { mapping_map: { result: '{{ $input.main }}' } }),
      node('rejected', 'data.set_data', { mapping_map: { rejected: true } }),
    ],
    connections: [link('start', 'work'), link('work', 'done'), link('work', 'rejected', 'rejected')],
    trigger: '',
  };
}

/** A child that doubles `$input.main.n`. */
export function childWorkflow(id = 'child'): Workflow {
  return {
    id,
    name: 'Child',
    version: 1,
    variables: undefined,
    settings: undefined,
    nodes: [node('start', 'manual.trigger'), node('double', 'data.set_data', { mapping_map: { doubled: '{{ $input.main.n * 2 }}' } })],
    connections: [link('start', 'double')],
    trigger: '',
  };
}

/** start → call (workflow.execute_workflow, sync, one child per item of the input's `items`) → done. */
export function parentWorkflow(childGraphId: string, id = 'parent'): Workflow {
  return {
    id,
    name: 'Parent',
    version: 1,
    variables: undefined,
    settings: undefined,
    nodes: [
      node('start', 'manual.trigger'),
      node('call', 'workflow.execute_workflow', {
        workflow_id: childGraphId,
        execution_mode: 'sync',
        batch_mode: 'single',
        input_data: '{{ $input.main.items }}',
      }),
      node('done', 'data.set_data', { mapping_map: { children: '{{ $input.main }}' } }),
    ],
    connections: [link('start', 'call'), link('call', 'done')],
    trigger: '',
  };
}

/** start → pause (interval wait of 1 ms, ended by the service) → wait (webhook) → done. */
export function pauseThenWebhookWorkflow(id = 'pause-then-webhook'): Workflow {
  const webhook = webhookWorkflow(id);
  return {
    ...webhook,
    nodes: [...webhook.nodes, node('pause', 'wait.wait', { mode: 'interval', duration: 1, unit: 'ms' })],
    connections: [link('start', 'pause'), link('pause', 'wait'), link('wait', 'done')],
  };
}

/** start → first (webhook) → second (webhook) → done: a Resume of `first` leaves it suspended again. */
export function twoWebhooksWorkflow(id = 'two-webhooks'): Workflow {
  const webhook = webhookWorkflow(id);
  return {
    ...webhook,
    nodes: [
      node('start', 'manual.trigger'),
      node('first', 'wait.wait', { mode: 'webhook' }),
      node('second', 'wait.wait', { mode: 'webhook' }),
      node('done', 'core.log', { message: 'done' }),
    ],
    connections: [link('start', 'first'), link('first', 'second'), link('second', 'done')],
  };
}
