import type { PranaClient } from '../sdk/typescript/src/client.js';
import { watchExecution } from '../sdk/typescript/src/watch.js';
import { GetWorkflowGraphRequest } from '../sdk/typescript/src/gen/prana/v1/workflow_service.js';
import { applyEvent, emptyView, ended, type LiveView } from './live-view.js';
import type { ViewSink } from './terminal-view.js';

/** When following stops: at the end, or also once the execution waits for someone outside. */
export type Until = 'ended' | 'settled';

/** Suspensions that end only by a caller's or worker's action (the others the service ends itself). */
const WAITING_FOR_OUTSIDE = new Set(['webhook', 'task']);

/**
 * Follows an execution's events into a live view shown by `sink`, from its first event, until it ends
 * (or, with `settled`, until it waits for a Resume or a worker). Returns the last view.
 */
export async function follow(client: PranaClient, executionId: string, graphId: string, sink: ViewSink, until: Until, signal?: AbortSignal): Promise<LiveView> {
  const graph = await client.call(client.workflows, client.workflows.getWorkflowGraph, GetWorkflowGraphRequest.fromPartial({ graphId }));
  const nodes = (graph.graph?.nodes ?? []).map((node) => ({ key: node.key, type: node.type }));
  let view = emptyView(executionId, nodes);
  sink.show(view);
  for await (const event of watchExecution(client, executionId, 0, signal)) {
    view = applyEvent(view, event);
    sink.show(view);
    if (ended(view)) break;
    const body = event.event;
    if (until === 'settled' && body?.$case === 'executionSuspended' && WAITING_FOR_OUTSIDE.has(suspensionKind(body.value.kind))) break;
  }
  sink.close(view);
  return view;
}

function suspensionKind(kind: number): string {
  // SuspensionKind: 1 interval, 2 schedule, 3 webhook, 4 retry, 5 sub_workflow, 6 task.
  return ['', 'interval', 'schedule', 'webhook', 'retry', 'sub_workflow', 'task'][kind] ?? '';
}
