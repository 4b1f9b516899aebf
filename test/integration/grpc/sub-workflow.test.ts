// A sync sub-workflow end to end: the parent suspends on its children (sub_workflow suspension with
// child ids), the children run and complete, the parent resumes with their outputs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ResumeReason } from '../../../src/gen/prana/v1/events.js';
import { ExecutionMode } from '../../../src/gen/prana/v1/execution_mode.js';
import { ExecutionStatus } from '../../../src/gen/prana/v1/execution.js';
import { ExecutionWait } from '../../../src/gen/prana/v1/execution_service.js';
import { BatchMode, FailureStrategy, SuspensionKind } from '../../../src/gen/prana/v1/suspension.js';
import { api, must, type Api } from './support/api.js';
import { describeEachBackend } from './support/backends.js';
import { collect } from './support/calls.js';
import { startTestService, type TestService } from './support/test-service.js';
import { childWorkflow, parentWorkflow } from './support/workflows.js';

describeEachBackend('sync sub-workflow', (backend) => {
  let t: TestService;
  let a: Api;

  beforeAll(async () => {
    t = await startTestService(backend());
    a = api(t);
  });
  afterAll(() => t.close());

  it('runs one child per item and completes the parent with their outputs', async () => {
    const childGraph = await a.graphOf(childWorkflow());
    const parentGraph = await a.graphOf(parentWorkflow(childGraph));
    const { execution } = must(await a.start({ graphId: parentGraph, input: { items: [{ n: 1 }, { n: 2 }] }, wait: ExecutionWait.EXECUTION_WAIT_TERMINAL }));
    expect(execution?.status).toBe(ExecutionStatus.EXECUTION_STATUS_COMPLETED);
    expect(execution?.output).toEqual({ children: [{ doubled: 2 }, { doubled: 4 }] });

    const { messages } = await collect(a.watch(execution!.id));
    const suspended = messages.map((m) => m.event?.event).find((e) => e?.$case === 'executionSuspended');
    expect(suspended?.$case === 'executionSuspended' && suspended.value).toMatchObject({ nodeKey: 'call', kind: SuspensionKind.SUSPENSION_KIND_SUB_WORKFLOW });
    const nodeSuspended = messages.map((m) => m.event?.event).find((e) => e?.$case === 'nodeSuspended');
    const kind = nodeSuspended?.$case === 'nodeSuspended' ? nodeSuspended.value.suspension?.kind : undefined;
    expect(kind?.$case).toBe('subWorkflow');
    const call = kind?.$case === 'subWorkflow' ? kind.value : undefined;
    expect(call).toMatchObject({
      workflowId: childGraph,
      mode: ExecutionMode.EXECUTION_MODE_SYNC,
      batchMode: BatchMode.BATCH_MODE_SINGLE,
      failureStrategy: FailureStrategy.FAILURE_STRATEGY_FAIL_PARENT,
    });
    expect(call?.childExecutionIds).toHaveLength(2);
    expect(call?.timeoutAt).toBeInstanceOf(Date);
    const resumed = messages.map((m) => m.event?.event).find((e) => e?.$case === 'executionResumed');
    expect(resumed?.$case === 'executionResumed' && resumed.value.reason).toBe(ResumeReason.RESUME_REASON_SUB_WORKFLOW);

    for (const [index, childId] of (call?.childExecutionIds ?? []).entries()) {
      const child = must(await a.get({ executionId: childId })).execution;
      expect(child).toMatchObject({
        status: ExecutionStatus.EXECUTION_STATUS_COMPLETED,
        mode: ExecutionMode.EXECUTION_MODE_SYNC,
        graphId: childGraph,
        parent: { parentExecutionId: execution!.id, parentNodeKey: 'call', parentRunIndex: 0, rootExecutionId: execution!.id },
        output: { doubled: 2 * (index + 1) },
      });
      const started = (await collect(a.watch(childId))).messages[0]?.event?.event;
      expect(started?.$case === 'executionStarted' && started.value.parent?.parentExecutionId).toBe(execution!.id);
    }
  });
});
