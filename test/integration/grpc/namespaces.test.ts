// Namespaces over gRPC: the `prana-namespace` metadata picks the namespace of a call; an execution's
// id and `namespace` field carry it; another namespace's executions and graphs are NOT_FOUND.
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExecutionStatus, type Execution } from '../../../src/gen/prana/v1/execution.js';
import {
  ExecutionWait,
  GetExecutionRequest,
  ListExecutionsRequest,
  StartExecutionRequest,
  WatchExecutionRequest,
} from '../../../src/gen/prana/v1/execution_service.js';
import { describeEachBackend } from './support/backends.js';
import type { UnaryMethod } from './support/calls.js';
import { readUntil } from './support/calls.js';
import { kindOf } from './support/events.js';
import { expectStatus } from './support/expect-status.js';
import { startTestService, type TestService } from './support/test-service.js';
import { webhookWorkflow } from './support/workflows.js';

/** Metadata naming `namespace` (none for the default namespace). */
function inNamespace(namespace: string | undefined): Metadata {
  const metadata = new Metadata();
  if (namespace !== undefined) metadata.set('prana-namespace', namespace);
  return metadata;
}

function unary<Request, Response>(method: UnaryMethod<Request, Response>, request: Request, namespace?: string): Promise<Response | ServiceError> {
  return new Promise((resolve) => method(request, inNamespace(namespace), { deadline: Date.now() + 10_000 }, (error, response) => resolve(error ?? response)));
}

function asError(outcome: unknown): ServiceError {
  if (!(outcome instanceof Error)) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome as ServiceError;
}

function asResponse<Response>(outcome: Response | ServiceError): Response {
  if (outcome instanceof Error) throw new Error(`call failed: ${outcome.code} ${outcome.details}`);
  return outcome;
}

describeEachBackend('namespaces over gRPC', (backend) => {
  let t: TestService;

  beforeAll(async () => {
    t = await startTestService(backend());
  });
  afterAll(() => t.close());

  const compileIn = async (namespace: string | undefined): Promise<string> =>
    asResponse(await unary(t.workflows.compileWorkflow.bind(t.workflows), { workflow: webhookWorkflow() }, namespace)).graphId;
  const get = (executionId: string, namespace: string | undefined) =>
    unary(t.executions.getExecution.bind(t.executions), GetExecutionRequest.fromPartial({ executionId }), namespace);

  it('starts in the namespace the call names, and answers its executions only there', async () => {
    const graphId = await compileIn('team-a');
    const batch = `ns-${backend().name}-${Date.now()}`;
    const started = asResponse(
      await unary(
        t.executions.startExecution.bind(t.executions),
        StartExecutionRequest.fromPartial({ graphId, executionId: batch, labels: { batch }, wait: ExecutionWait.EXECUTION_WAIT_SETTLED }),
        'team-a',
      ),
    );
    const execution = started.execution as Execution;
    expect(execution).toMatchObject({ id: `team-a/${batch}`, namespace: 'team-a', status: ExecutionStatus.EXECUTION_STATUS_SUSPENDED });

    expect(asResponse(await get(batch, 'team-a')).execution).toMatchObject({ id: `team-a/${batch}`, namespace: 'team-a' });
    for (const namespace of [undefined, 'team-b']) {
      expectStatus(asError(await get(`team-a/${batch}`, namespace)), { code: status.NOT_FOUND, reason: 'not_found' });
      expectStatus(asError(await get(batch, namespace)), { code: status.NOT_FOUND, reason: 'not_found' });
      const listed = asResponse(
        await unary(t.executions.listExecutions.bind(t.executions), ListExecutionsRequest.fromPartial({ labels: { batch } }), namespace),
      );
      expect(listed.executions).toEqual([]);
      const stream = t.executions.watchExecution(WatchExecutionRequest.fromPartial({ executionId: `team-a/${batch}` }), inNamespace(namespace));
      expectStatus(await new Promise<ServiceError>((resolve) => stream.on('error', resolve)), { code: status.NOT_FOUND, reason: 'not_found' });
      // The graph is the team's too.
      const graph = await unary(t.workflows.getWorkflowGraph.bind(t.workflows), { graphId }, namespace);
      expectStatus(asError(graph), { code: status.NOT_FOUND, reason: 'not_found' });
    }
    const listed = asResponse(await unary(t.executions.listExecutions.bind(t.executions), ListExecutionsRequest.fromPartial({ labels: { batch } }), 'team-a'));
    expect(listed.executions.map((e) => e.id)).toEqual([`team-a/${batch}`]);
    const stream = t.executions.watchExecution(WatchExecutionRequest.fromPartial({ executionId: batch }), inNamespace('team-a'));
    const events = await readUntil(stream, (m) => kindOf(m.event) === 'executionSuspended');
    expect(kindOf(events[0]?.event)).toBe('executionStarted');
  });

  it('serves a call without the metadata in the default namespace, with bare ids', async () => {
    const graphId = await compileIn(undefined);
    const started = asResponse(
      await unary(t.executions.startExecution.bind(t.executions), StartExecutionRequest.fromPartial({ graphId, wait: ExecutionWait.EXECUTION_WAIT_NONE })),
    );
    expect(started.execution?.namespace).toBe('default');
    expect(started.execution?.id).not.toContain('/');
    expect(asResponse(await get(started.execution!.id, 'default')).execution?.id).toBe(started.execution!.id);
  });
});
