import type { Json } from '../../src/domain/json.js';
import type { ConnectionDefinition, NodeDefinition, WorkflowDefinition } from '../../src/domain/workflow.js';
import type { Prng } from './prng.js';

/** The kinds of workflow a simulation runs; each exercises a part of the runtime. */
export type ScriptKind =
  'chain' | 'interval' | 'schedule' | 'webhook' | 'retry' | 'sync_children' | 'async_children' | 'fire_and_forget' | 'task' | 'loop' | 'cancel';

export const SCRIPT_KINDS: readonly ScriptKind[] = [
  'chain',
  'interval',
  'schedule',
  'webhook',
  'retry',
  'sync_children',
  'async_children',
  'fire_and_forget',
  'task',
  'loop',
  'cancel',
];

/** The namespaces clients work in: every graph is compiled in each, and every store query is of one. */
export const SIM_NAMESPACES: readonly string[] = ['default', 'sim-b'];

/** One client's work: start one execution of a kind, then drive it to its end as a caller would. */
export interface Script {
  readonly id: string;
  /** The namespace its client works in (scripts alternate between SIM_NAMESPACES). */
  readonly namespace: string;
  readonly kind: ScriptKind;
  readonly input: Json;
  /** Starts sent at once to different replicas with the same request id. */
  readonly duplicateStarts: number;
  /** The start asks to wait until settled (else it answers at once). */
  readonly waitSettled: boolean;
  /**
   * The start has no request id (a generated execution id, stored by the drive's first write): a
   * start retried after an unanswered one is a new execution, and the one not answered, if stored,
   * must still end.
   */
  readonly generatedId: boolean;
  /** Simulated ms after the beginning at which the client starts. */
  readonly startAt: number;
}

const node = (key: string, type: string, params: Json = {}, settings?: NodeDefinition['settings']): NodeDefinition =>
  settings === undefined ? { key, type, params } : { key, type, params, settings };
const link = (from: string, to: string, fromPort?: string): ConnectionDefinition => (fromPort === undefined ? { from, to } : { from, to, fromPort });

/** Nodes in a line, each connected main → main. */
function line(id: string, nodes: readonly NodeDefinition[], extra: readonly ConnectionDefinition[] = []): WorkflowDefinition {
  const connections: ConnectionDefinition[] = [];
  for (let i = 1; i < nodes.length; i++) connections.push(link((nodes[i - 1] as NodeDefinition).key, (nodes[i] as NodeDefinition).key));
  return { id, name: id, nodes, connections: [...connections, ...extra] };
}

/** The child workflow sub-workflow nodes run: one effect, then doubles its `n`. */
export function childWorkflow(delayMs: number): WorkflowDefinition {
  return line('sim-child', [
    node('start', 'manual.trigger'),
    node('work', 'sim.effect', { label: 'child', delay_ms: delayMs }),
    node('double', 'data.set_data', { mapping_map: { doubled: '{{ $input.main.n * 2 }}' } }),
  ]);
}

/** The workflow of a script kind; `child` is the compiled child graph id, `startedAt` the simulation's start time. */
export function workflowOf(kind: ScriptKind, child: string, startedAt: number, delays: { short: number; long: number }): WorkflowDefinition {
  const effect = (key: string, delay = delays.short, extra: Json = {}): NodeDefinition =>
    node(key, 'sim.effect', { label: key, delay_ms: delay, ...(extra as Record<string, Json>) });
  const tail = node('result', 'data.set_data', { mapping_map: { n: '{{ $input.main.n }}', kind } });
  switch (kind) {
    case 'chain':
      return line(kind, [
        node('start', 'manual.trigger'),
        effect('a'),
        node('twice', 'data.set_data', { mapping_map: { n: '{{ $input.main.n * 2 }}' } }),
        effect('b', delays.long),
        effect('c'),
        tail,
      ]);
    case 'interval':
      return line(kind, [
        node('start', 'manual.trigger'),
        effect('a'),
        node('pause', 'wait.wait', { mode: 'interval', duration: 20, unit: 'seconds' }),
        effect('b'),
        tail,
      ]);
    case 'schedule':
      return line(kind, [
        node('start', 'manual.trigger'),
        effect('a'),
        node('pause', 'wait.wait', { mode: 'schedule', schedule_at: new Date(startedAt + 90_000).toISOString(), timezone: 'UTC' }),
        effect('b'),
        tail,
      ]);
    case 'webhook':
      return line(kind, [
        node('start', 'manual.trigger'),
        effect('a'),
        node('approval', 'wait.wait', { mode: 'webhook', timeout_hours: 24 }),
        node('merge', 'data.set_data', { mapping_map: { n: '{{ $input.main.n }}', approved: '{{ $input.main.approved }}' } }),
        effect('b', delays.long),
        node('result', 'data.set_data', { mapping_map: { n: '{{ $input.main.n }}', kind } }),
      ]);
    case 'retry':
      return line(kind, [
        node('start', 'manual.trigger'),
        node('flaky', 'sim.effect', { label: 'flaky', fail_until: 2, delay_ms: delays.short }, { retryOnFailed: true, maxRetries: 3, retryDelayMs: 1500 }),
        tail,
      ]);
    case 'sync_children':
      return line(kind, [
        node('start', 'manual.trigger'),
        node('children', 'workflow.execute_workflow', {
          workflow_id: child,
          execution_mode: 'sync',
          batch_mode: 'single',
          input_data: '{{ $input.main.items }}',
          timeout_ms: 3_600_000,
        }),
        node('result', 'data.set_data', { mapping_map: { children: '{{ $input.main }}', kind } }),
      ]);
    case 'async_children':
      return line(kind, [
        node('start', 'manual.trigger'),
        node('children', 'workflow.execute_workflow', {
          workflow_id: child,
          execution_mode: 'async',
          batch_mode: 'single',
          input_data: '{{ $input.main.items }}',
          distribution_window_ms: 3000,
          timeout_ms: 3_600_000,
        }),
        node('result', 'data.set_data', { mapping_map: { children: '{{ $input.main }}', kind } }),
      ]);
    case 'fire_and_forget':
      return line(kind, [
        node('start', 'manual.trigger'),
        node('children', 'workflow.execute_workflow', { workflow_id: child, execution_mode: 'fire_and_forget', batch_mode: 'all', input_data: { n: 7 } }),
        effect('after'),
        node('result', 'data.set_data', { mapping_map: { n: '{{ $input.main.n }}', kind } }),
      ]);
    case 'task':
      return line(kind, [
        node('start', 'manual.trigger'),
        node('work', 'task.external', { task_type: 'sim', input: { n: '{{ $input.main.n }}' }, timeout_ms: 3_600_000 }),
        node('result', 'data.set_data', { mapping_map: { worked: '{{ $input.main }}', kind } }),
      ]);
    case 'loop': {
      const wf = line(kind, [node('start', 'manual.trigger'), node('each', 'core.for_each', { collection: '{{ $input.main.items }}', mode: 'single' })]);
      return {
        ...wf,
        nodes: [
          ...wf.nodes,
          node('body', 'sim.effect', { label: 'body', delay_ms: delays.short }),
          node('total', 'workflow.set_state', { last: '{{ $input.main.n }}' }),
          node('result', 'data.set_data', { mapping_map: { state: '{{ $execution.state }}', kind } }),
        ],
        connections: [
          ...wf.connections.map((c) => c),
          link('each', 'body', 'loop'),
          link('body', 'total'),
          link('total', 'each'),
          link('each', 'result', 'done'),
        ],
      };
    }
    case 'cancel':
      return line(kind, [
        node('start', 'manual.trigger'),
        effect('a'),
        node('approval', 'wait.wait', { mode: 'webhook', timeout_hours: 24 }),
        effect('b'),
        tail,
      ]);
  }
}

/**
 * Kinds a client may start without a request id: the first drive settles quickly (a wait or a task),
 * and they end with no caller's help, so an execution whose start went unanswered still ends.
 */
const GENERATED_ID_KINDS: readonly ScriptKind[] = ['interval', 'schedule', 'task', 'retry'];

/** The scripts of one seed: kinds, inputs, duplicates and start times, all from the PRNG. */
export function scriptsOf(prng: Prng, count: number, spreadMs: number): Script[] {
  const scripts: Script[] = [];
  for (let i = 0; i < count; i++) {
    const kind = prng.pick(SCRIPT_KINDS);
    const n = prng.int(1, 20);
    const items = Array.from({ length: prng.int(1, 3) }, (_, k) => ({ n: n + k }));
    const duplicateStarts = prng.chance(0.3) ? 2 : 1;
    const waitSettled = prng.chance(0.5);
    scripts.push({
      id: `s${i}`,
      namespace: SIM_NAMESPACES[i % SIM_NAMESPACES.length] as string,
      kind,
      input: { n, items },
      duplicateStarts,
      waitSettled,
      generatedId: waitSettled && duplicateStarts === 1 && GENERATED_ID_KINDS.includes(kind) && prng.chance(0.5),
      startAt: prng.int(0, spreadMs),
    });
  }
  return scripts;
}
