// Contract: namespaces seen through the application over each store. A caller of one namespace never
// sees or changes another's graphs, executions or tasks; the same caller-chosen ids and request ids
// in two namespaces are two executions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeCacheGraphCache } from '../../../src/adapters/cache/node-cache-graph-cache.js';
import { systemClock, systemTimers } from '../../../src/adapters/system/system-time.js';
import { AppError } from '../../../src/app/app-error.js';
import { GraphRepository } from '../../../src/app/graph-repository.js';
import { PranaApp } from '../../../src/app/prana-app.js';
import type { WorkflowDefinition } from '../../../src/domain/workflow.js';
import { builtinRegistry } from '../../../src/nodes/builtin/catalog.js';
import { approvalWorkflow } from '../../support/app-workflows.js';
import { fixtureGraph } from './fixtures.js';
import { useStores, type StoreHarness } from './store-harness.js';

const approval: WorkflowDefinition = { ...approvalWorkflow, id: 'ns-approval' };

const tasked: WorkflowDefinition = {
  id: 'ns-tasked',
  name: 'tasked',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'work', type: 'task.external', params: { task_type: 'ns-work' } },
  ],
  connections: [{ from: 'start', to: 'work' }],
};

const child: WorkflowDefinition = {
  id: 'ns-child',
  name: 'child',
  nodes: [
    { key: 'start', type: 'manual.trigger' },
    { key: 'echo', type: 'data.set_data', params: { mapping_map: '{{ $input.main.word | upper_case }}' } },
  ],
  connections: [{ from: 'start', to: 'echo' }],
};

/** A parent that runs `childGraph` with its input, named statically (checked at compile time too) or by expression. */
function parentOf(childGraph: string, byExpression: boolean): WorkflowDefinition {
  return {
    id: byExpression ? 'ns-parent-dynamic' : 'ns-parent',
    name: 'parent',
    nodes: [
      { key: 'start', type: 'manual.trigger' },
      { key: 'call', type: 'workflow.execute_workflow', params: { workflow_id: byExpression ? '{{ $input.main.graph }}' : childGraph } },
    ],
    connections: [{ from: 'start', to: 'call' }],
  };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Namespaces through the application, over one store implementation. */
export function namespaceIsolationContract(harness: StoreHarness): void {
  describe('Namespaces through the application', () => {
    const stores = useStores(harness);
    let app: PranaApp;
    const errors: unknown[] = [];

    beforeAll(() => {
      const registry = builtinRegistry();
      // The stores resolve graph facts through the fixture registry: compile there too (same ids).
      for (const definition of [approval, tasked, child]) fixtureGraph(definition);
      app = new PranaApp({
        stores: stores(),
        graphs: new GraphRepository(stores().graphs, new NodeCacheGraphCache(), registry, systemClock),
        clock: systemClock,
        timers: systemTimers,
        tokenSecret: 'namespace-test-secret',
        env: {},
        outbound: { allows: () => true, allowsAddress: () => true },
        log: () => undefined,
        onError: (error) => errors.push(error),
        owner: 'namespace-test',
      });
    });
    afterAll(async () => {
      await app.stop(1000);
    });

    async function compileIn(namespace: string, definition: WorkflowDefinition): Promise<string> {
      const { graphId, diagnostics } = await app.in(namespace).compileWorkflow(definition);
      if (graphId === '') throw new Error(`does not compile: ${JSON.stringify(diagnostics)}`);
      return graphId;
    }

    it('reaches graphs only in the namespaces that compiled them', async () => {
      const graphId = await compileIn('team-a', approval);
      expect((await app.in('team-a').getWorkflowGraph(graphId)).id).toBe(graphId);
      expect((await refusal(app.in('team-b').getWorkflowGraph(graphId))).reason).toBe('not_found');
      expect((await refusal(app.getWorkflowGraph(graphId))).reason).toBe('not_found');
      const start = await refusal(app.in('team-b').startExecution({ graphId, input: {}, wait: 'none' }));
      expect(start.reason).toBe('not_found');
      // Compiling the same workflow in team-b registers it there too, under the same id.
      expect(await compileIn('team-b', approval)).toBe(graphId);
      expect((await app.in('team-b').getWorkflowGraph(graphId)).id).toBe(graphId);
    });

    it('keeps executions apart: ids carry the namespace; reads, lists, resumes and cancels of another are not found', async () => {
      const graphId = await compileIn('team-a', approval);
      await compileIn('team-b', approval);
      const a = app.in('team-a');
      const b = app.in('team-b');
      const { view } = await a.startExecution({ graphId, input: { n: 1 }, executionId: 'order-1', labels: { kind: 'ns' }, wait: 'settled' });
      expect(view.execution.id).toBe('team-a/order-1');
      expect(view.execution.status).toBe('suspended');
      const token = view.suspension?.resumeToken as string;

      // The owner reaches it by its full id or its bare one.
      expect((await a.getExecution('order-1')).execution.id).toBe('team-a/order-1');
      expect((await a.getExecution('team-a/order-1')).execution.status).toBe('suspended');
      // Another namespace does not, whichever way it names it.
      for (const caller of [b, app]) {
        expect((await refusal(caller.getExecution('team-a/order-1'))).reason).toBe('not_found');
        expect((await refusal(caller.getExecution('order-1'))).reason).toBe('not_found');
        expect((await refusal(caller.cancelExecution('team-a/order-1', 'not mine'))).reason).toBe('not_found');
        const byNode = await refusal(caller.resume({ target: { kind: 'node', executionId: 'team-a/order-1', nodeKey: 'wait' }, data: 1, wait: 'none' }));
        expect(byNode.reason).toBe('not_found');
        expect((await refusal(caller.resume({ target: { kind: 'token', token }, data: 1, wait: 'none' }))).reason).toBe('not_found');
        const watch = caller.watchExecution('team-a/order-1', 0);
        expect((await refusal(watch.next())).reason).toBe('not_found');
        const listed = await caller.listExecutions({ statuses: [], labels: { kind: 'ns' }, pageSize: 100, pageToken: '' });
        expect(listed.views.map((v) => v.execution.id)).toEqual([]);
      }
      expect((await a.getExecution('order-1')).execution.status).toBe('suspended');

      // The same caller-chosen id in team-b is another execution.
      const other = await b.startExecution({ graphId, input: { n: 2 }, executionId: 'order-1', labels: { kind: 'ns' }, wait: 'settled' });
      expect(other.created).toBe(true);
      expect(other.view.execution.id).toBe('team-b/order-1');
      expect((await a.listExecutions({ statuses: [], labels: { kind: 'ns' }, pageSize: 100, pageToken: '' })).views.map((v) => v.execution.id)).toEqual([
        'team-a/order-1',
      ]);

      // The owner resumes and cancels its own.
      const resumed = await a.resume({ target: { kind: 'token', token }, data: { ok: true }, wait: 'terminal' });
      expect(resumed.view.execution).toMatchObject({ id: 'team-a/order-1', status: 'completed' });
      expect((await b.cancelExecution('order-1', 'done')).execution.status).toBe('cancelled');
      expect((await b.getExecution('team-b/order-1')).execution.status).toBe('cancelled');
    });

    it('scopes request ids by namespace: the same request id in two namespaces starts two executions', async () => {
      const graphId = await compileIn('team-a', approval);
      await compileIn('team-b', approval);
      const first = await app.in('team-a').startExecution({ graphId, input: { n: 1 }, requestId: 'req-7', wait: 'none' });
      const again = await app.in('team-a').startExecution({ graphId, input: { n: 1 }, requestId: 'req-7', wait: 'none' });
      const other = await app.in('team-b').startExecution({ graphId, input: { n: 1 }, requestId: 'req-7', wait: 'none' });
      expect(again).toMatchObject({ created: false, view: { execution: { id: first.view.execution.id } } });
      expect(first.view.execution.id.startsWith('team-a/')).toBe(true);
      expect(other.created).toBe(true);
      expect(other.view.execution.id.startsWith('team-b/')).toBe(true);
    });

    it('hands tasks only to workers of their namespace', async () => {
      const graphId = await compileIn('team-a', tasked);
      const { view } = await app.in('team-a').startExecution({ graphId, input: { job: 1 }, wait: 'settled' });
      expect(view.execution.status).toBe('suspended');
      const poll = { workerId: 'w', taskTypes: ['ns-work'], maxTasks: 10, leaseMs: 60_000, waitMs: 0 };
      expect(await app.in('team-b').pollTasks(poll)).toEqual([]);
      expect(await app.pollTasks(poll)).toEqual([]);
      const [task] = await app.in('team-a').pollTasks(poll);
      expect(task).toMatchObject({ executionId: view.execution.id, taskType: 'ns-work' });
      const taskId = task!.taskId;
      expect((await refusal(app.in('team-b').completeTask(taskId, 'w', { done: true }, ''))).reason).toBe('not_found');
      expect((await refusal(app.in('team-b').failTask(taskId, 'w', { code: 'x', message: 'x', details: {} }))).reason).toBe('not_found');
      expect((await refusal(app.in('team-b').extendTaskLease(taskId, 'w', 60_000))).reason).toBe('not_found');
      expect((await app.in('team-a').completeTask(taskId, 'w', { done: true }, '')).alreadyCompleted).toBe(false);
      expect((await app.in('team-a').getExecution(view.execution.id)).execution.status).not.toBe('suspended');
    });

    it('runs sub-workflows only from graphs of the parent’s namespace, and children inherit it', async () => {
      const childGraph = await compileIn('team-a', child);
      fixtureGraph(parentOf(childGraph, false));
      fixtureGraph(parentOf(childGraph, true));
      const parentGraph = await compileIn('team-a', parentOf(childGraph, false));
      const { view } = await app.in('team-a').startExecution({ graphId: parentGraph, input: { word: 'hi' }, wait: 'terminal' });
      expect(view.execution.status).toBe('completed');
      expect(view.output).toBe('HI');
      const children = await app.in('team-a').listExecutions({ statuses: [], graphId: childGraph, labels: {}, pageSize: 10, pageToken: '' });
      expect(children.views.length).toBeGreaterThan(0);
      for (const row of children.views) expect(row.execution.id.startsWith('team-a/child-')).toBe(true);

      // A graph of another namespace is unknown here: named statically it is warned about at compile
      // time; either way the node fails when it runs.
      const stat = await app.in('team-c').compileWorkflow(parentOf(childGraph, false));
      expect(stat.diagnostics.map((d) => d.code)).toContain('sub_workflow_not_found');
      const dynamic = await compileIn('team-c', parentOf(childGraph, true));
      for (const graphId of [stat.graphId, dynamic]) {
        const run = await app.in('team-c').startExecution({ graphId, input: { graph: childGraph, word: 'x' }, wait: 'terminal' });
        expect(run.view.execution.status).toBe('failed');
        expect(run.view.error).toMatchObject({ code: 'sub_workflow_not_found' });
      }
    });
  });
}
