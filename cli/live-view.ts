import type { ExecutionEvent } from '../sdk/typescript/src/gen/prana/v1/events.js';

/** A node's state as the live view shows it. */
export type NodeState = 'waiting' | 'running' | 'completed' | 'failed' | 'suspended' | 'retrying' | 'cancelled';

/** One line of the live view: a node and what happened to it so far. */
export interface NodeLine {
  readonly key: string;
  readonly type: string;
  readonly state: NodeState;
  /** Runs started (loop iterations and re-runs count; retries do not). */
  readonly runs: number;
  /** The attempt of the latest run (0 for the first). */
  readonly attempt: number;
  /** When the latest run started (epoch ms), while it runs. */
  readonly startedAt: number | null;
  /** How long the latest completed run took. */
  readonly durationMs: number | null;
  /** What it waits for, or why it failed. */
  readonly detail: string;
}

/** The whole view: the execution's state and one line per node, in the order nodes were first seen. */
export interface LiveView {
  readonly executionId: string;
  readonly status: 'pending' | 'running' | 'suspended' | 'completed' | 'failed' | 'cancelled';
  readonly nodes: readonly NodeLine[];
  /** The last seq applied. */
  readonly seq: number;
  /** The execution's error or cancel reason once ended that way. */
  readonly detail: string;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}

/** A view before any event: every node of the graph waiting. */
export function emptyView(executionId: string, nodes: readonly { readonly key: string; readonly type: string }[]): LiveView {
  return {
    executionId,
    status: 'pending',
    nodes: nodes.map((node) => ({ key: node.key, type: node.type, state: 'waiting', runs: 0, attempt: 0, startedAt: null, durationMs: null, detail: '' })),
    seq: 0,
    detail: '',
    startedAt: null,
    endedAt: null,
  };
}

/** The view after one more event (pure: the view is a fold of the event stream). */
export function applyEvent(view: LiveView, event: ExecutionEvent): LiveView {
  const seq = Number(event.seq);
  if (seq <= view.seq || event.event === undefined) return view;
  const at = event.time?.getTime() ?? 0;
  const next = { ...view, seq };
  const body = event.event;
  switch (body.$case) {
    case 'executionStarted':
      return { ...next, status: 'running', startedAt: at };
    case 'nodeStarting': {
      const run = body.value.run;
      if (run === undefined) return next;
      return withNode(next, run.nodeKey, run.nodeType, (line) => ({
        ...line,
        state: 'running',
        runs: run.attempt === 0 ? line.runs + 1 : line.runs,
        attempt: run.attempt,
        startedAt: at,
        detail: '',
      }));
    }
    case 'nodeCompleted': {
      const run = body.value.run;
      if (run === undefined) return next;
      const port = body.value.port === '' || body.value.port === 'main' ? '' : `→ ${body.value.port}`;
      return withNode(next, run.nodeKey, run.nodeType, (line) => ({
        ...line,
        state: 'completed',
        startedAt: null,
        durationMs: Number(body.value.durationMs),
        detail: port,
      }));
    }
    case 'nodeFailed': {
      const run = body.value.run;
      if (run === undefined) return next;
      const error = body.value.error;
      return withNode(next, run.nodeKey, run.nodeType, (line) => ({
        ...line,
        state: 'failed',
        startedAt: null,
        detail: error === undefined ? '' : `${error.code}: ${error.message}`,
      }));
    }
    case 'nodeSuspended': {
      const run = body.value.run;
      if (run === undefined) return next;
      return withNode(next, run.nodeKey, run.nodeType, (line) => ({
        ...line,
        state: 'suspended',
        startedAt: null,
        detail: suspendedOn(body.value.suspension?.kind?.$case),
      }));
    }
    case 'nodeRetryScheduled': {
      const run = body.value.run;
      if (run === undefined) return next;
      const until = body.value.waitTill === undefined ? '' : ` at ${body.value.waitTill.toISOString()}`;
      const error = body.value.error === undefined ? '' : ` after ${body.value.error.code}`;
      return withNode(next, run.nodeKey, run.nodeType, (line) => ({
        ...line,
        state: 'retrying',
        startedAt: null,
        detail: `attempt ${body.value.nextAttempt + 1}${until}${error}`,
      }));
    }
    case 'executionSuspended':
      return { ...next, status: 'suspended' };
    case 'executionResumed':
      return { ...next, status: 'running' };
    case 'executionCompleted':
      return { ...next, status: 'completed', endedAt: at };
    case 'executionFailed': {
      const error = body.value.error;
      return {
        ...next,
        nodes: stopped(next.nodes, 'failed'),
        status: 'failed',
        endedAt: at,
        detail: error === undefined ? '' : `${error.code}: ${error.message}`,
      };
    }
    case 'executionCancelled':
      return { ...next, nodes: stopped(next.nodes, 'cancelled'), status: 'cancelled', endedAt: at, detail: body.value.reason };
    default:
      return next;
  }
}

/** True once the view shows an execution that will not change any more. */
export function ended(view: LiveView): boolean {
  return view.status === 'completed' || view.status === 'failed' || view.status === 'cancelled';
}

/** Lines of nodes still in progress when the execution ended, marked with how it ended. */
function stopped(nodes: readonly NodeLine[], state: 'failed' | 'cancelled'): NodeLine[] {
  return nodes.map((line) =>
    line.state === 'running' || line.state === 'suspended' || line.state === 'retrying' ? { ...line, state, startedAt: null } : line,
  );
}

function withNode(view: LiveView, key: string, type: string, change: (line: NodeLine) => NodeLine): LiveView {
  const index = view.nodes.findIndex((line) => line.key === key);
  if (index === -1) {
    const fresh: NodeLine = { key, type, state: 'waiting', runs: 0, attempt: 0, startedAt: null, durationMs: null, detail: '' };
    return { ...view, nodes: [...view.nodes, change(fresh)] };
  }
  const nodes = [...view.nodes];
  nodes[index] = change(nodes[index] as NodeLine);
  return { ...view, nodes };
}

function suspendedOn(kind: string | undefined): string {
  switch (kind) {
    case 'interval':
    case 'schedule':
      return 'on a timer';
    case 'webhook':
      return 'on a webhook (resume it)';
    case 'subWorkflow':
      return 'on child executions';
    case 'task':
      return 'on an external task';
    case 'retry':
      return 'on a retry back-off';
    default:
      return kind === undefined ? '' : `on ${kind}`;
  }
}
