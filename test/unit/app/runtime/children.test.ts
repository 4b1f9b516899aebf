import { describe, expect, it } from 'vitest';
import type { Execution } from '../../../../src/domain/execution.js';
import type { SubWorkflowSuspension } from '../../../../src/domain/suspension.js';
import { childResult, childSpecOf, parentStance } from '../../../../src/app/runtime/children.js';
import { createExecution, DEFAULT_ENGINE_LIMITS } from '../../../../src/engine/index.js';
import { compile, Run, workflow } from '../../engine/harness.js';

const graphs = new Set(['child-graph']);
const CHILD = 'exec-1/s/0/0/0';

/** t -> s (a sub-workflow call) -> next */
function parentGraph(params: object = {}) {
  return compile(
    workflow(
      [
        ['t', 'manual.trigger'],
        ['s', 'workflow.execute_workflow', { workflow_id: 'child-graph', ...params }],
        ['next', 'data.set_data', { mapping_map: { ok: true } }],
      ],
      ['t -> s', 's -> next'],
    ),
  );
}

async function waitingParent(params: object = {}): Promise<Run> {
  const run = await new Run(parentGraph(params), {}, { graphs }).start();
  expect(run.execution.status).toBe('suspended');
  return run;
}

const leaf = compile(
  workflow(
    [
      ['t', 'manual.trigger'],
      ['v', 'data.set_data', { mapping_map: { v: 1 } }],
    ],
    ['t -> v'],
  ),
);

describe('parentStance', () => {
  it('is waiting while the parent’s current suspension waits on the child', async () => {
    const parent = (await waitingParent()).execution;
    expect(parentStance(parent, CHILD, 's', 0)).toBe('waiting');
  });

  it('is never for a child the suspension does not name, another node, or a later run', async () => {
    const parent = (await waitingParent()).execution;
    expect(parentStance(parent, 'someone-else', 's', 0)).toBe('never');
    expect(parentStance(parent, CHILD, 't', 0)).toBe('never');
  });

  it('is not_yet while the run that creates the child has not started or not suspended yet', () => {
    const parent = createExecution(parentGraph(), { id: 'exec-1', input: {}, createdAt: 0 }, DEFAULT_ENGINE_LIMITS);
    expect(parentStance(parent, CHILD, 's', 0)).toBe('not_yet');
  });

  it('is not_yet for a run index beyond the latest run (the parent is behind)', async () => {
    const parent = (await waitingParent()).execution;
    expect(parentStance(parent, CHILD, 's', 1)).toBe('not_yet');
  });

  it('is never once the parent ended or the run moved on', async () => {
    const run = await waitingParent();
    await run.resume({ reason: 'sub_workflow', children: [{ executionId: CHILD, itemIndex: 0, status: 'completed', output: { done: true } }] });
    expect(run.execution.status).toBe('completed');
    expect(parentStance(run.execution, CHILD, 's', 0)).toBe('never');
    const cancelled = await (await waitingParent()).cancel('stop');
    expect(parentStance(cancelled.execution, CHILD, 's', 0)).toBe('never');
  });
});

describe('childSpecOf', () => {
  it('links the child to its parent and root, one level deeper, pending unless sync', async () => {
    const parent = (await waitingParent({ execution_mode: 'async', queue: 'q' })).execution;
    const suspension = parent.runs.get('s')?.[0]?.suspension as SubWorkflowSuspension;
    const child = suspension.children?.[0] ?? { executionId: CHILD, itemIndex: 0, input: {}, dueAt: 0 };
    const spec = childSpecOf(parent, suspension, child, 42);
    expect(spec).toMatchObject({
      id: CHILD,
      mode: 'async',
      depth: 1,
      queue: 'q',
      pending: true,
      createdAt: 42,
      parent: { parentExecutionId: 'exec-1', parentNodeKey: 's', parentRunIndex: 0, rootExecutionId: 'exec-1' },
    });
    const grandchild = childSpecOf(
      { ...parent, id: CHILD, depth: 1, parent: spec.parent ?? null } as Execution,
      suspension,
      { ...child, executionId: 'g' },
      43,
    );
    expect(grandchild.parent?.rootExecutionId).toBe('exec-1');
    expect(grandchild.depth).toBe(2);
  });

  it('starts a sync child at once', async () => {
    const parent = (await waitingParent()).execution;
    const suspension = parent.runs.get('s')?.[0]?.suspension as SubWorkflowSuspension;
    expect(childSpecOf(parent, suspension, { executionId: CHILD, itemIndex: 0, input: {}, dueAt: 0 }, 1).pending).toBe(false);
  });
});

describe('childResult', () => {
  it('reports a completed child’s final output and nothing for one still going', async () => {
    const done = await new Run(leaf).start();
    expect(childResult(done.execution, 3)).toEqual({ executionId: 'exec-1', itemIndex: 3, status: 'completed', output: { v: 1 } });
    const going = createExecution(leaf, { id: 'c', input: {}, createdAt: 0 }, DEFAULT_ENGINE_LIMITS);
    expect(childResult(going, 0)).toBeNull();
  });

  it('reports a cancelled child with its reason', async () => {
    const waiting = await new Run(
      compile(
        workflow(
          [
            ['t', 'manual.trigger'],
            ['w', 'wait.wait', { mode: 'webhook' }],
          ],
          ['t -> w'],
        ),
      ),
    ).start();
    await waiting.cancel('operator stop');
    expect(childResult(waiting.execution, 0)).toEqual({ executionId: 'exec-1', itemIndex: 0, status: 'cancelled', error: { reason: 'operator stop' } });
  });
});
