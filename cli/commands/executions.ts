import { ExecutionStatus, type Execution } from '../../sdk/typescript/src/gen/prana/v1/execution.js';
import { nodeStatusName, statusName, statusNamed } from '../names.js';
import {
  CancelExecutionResponse,
  ExecutionView,
  ExecutionWait,
  GetExecutionRequest,
  GetExecutionResponse,
  ListExecutionsRequest,
  ListExecutionsResponse,
  ResumeRequest,
  ResumeResponse,
  StartExecutionResponse,
} from '../../sdk/typescript/src/gen/prana/v1/execution_service.js';
import type { CommandContext } from '../context.js';
import { EXIT, Exit, UsageError } from '../failure.js';
import { follow, type Until } from '../follow.js';
import type { LiveView } from '../live-view.js';
import { plainSink, terminalSink } from '../terminal-view.js';
import { graphOf } from './graphs.js';

function statusOf(name: string): ExecutionStatus {
  const status = statusNamed(name);
  if (status === null) throw new UsageError(`unknown status ${JSON.stringify(name)} (pending, running, suspended, completed, failed, cancelled)`);
  return status;
}

/** Follows an execution in a live view (or prints its events as JSON lines); exits by how it ended. */
async function followAndExit(ctx: CommandContext, executionId: string, graphId: string, until: Until): Promise<void> {
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  try {
    const sink = ctx.json ? { show: () => undefined, close: () => undefined } : ctx.tty ? terminalSink(process.stdout) : plainSink(ctx.out);
    const view = await follow(ctx.client, executionId, graphId, sink, until, abort.signal);
    if (ctx.json) ctx.out(JSON.stringify(GetExecutionResponse.toJSON(await ctx.client.get(executionId))));
    else if (view.status === 'suspended') await printResumeHint(ctx, executionId);
    exitBy(view);
  } finally {
    process.off('SIGINT', stop);
  }
}

function exitBy(view: LiveView): void {
  if (view.status === 'failed' || view.status === 'cancelled') throw new Exit(EXIT.executionFailed);
}

async function printResumeHint(ctx: CommandContext, executionId: string): Promise<void> {
  const suspension = (await ctx.client.get(executionId)).execution?.suspension;
  if (suspension === undefined || suspension.resumeToken === '') return;
  ctx.out(`waiting at node "${suspension.nodeKey}"; resume token ${suspension.resumeToken}`);
  ctx.out(`resume it with: prana resume ${executionId} --data '<json>'`);
}

/** `run FILE|GRAPH_ID`: starts an execution and follows it until it ends or waits for a Resume or a worker. */
export async function run(
  ctx: CommandContext,
  fileOrGraphId: string,
  options: { input: unknown; labels: Record<string, string>; requestId?: string; follow: boolean },
): Promise<void> {
  const graphId = await graphOf(ctx, fileOrGraphId);
  const started = await ctx.client.start({
    graphId,
    input: options.input,
    labels: options.labels,
    requestId: options.requestId ?? '',
    wait: ExecutionWait.EXECUTION_WAIT_NONE,
  });
  const id = started.execution?.id ?? '';
  if (!options.follow) {
    ctx.out(ctx.json ? JSON.stringify(StartExecutionResponse.toJSON(started)) : id);
    return;
  }
  if (!ctx.json) ctx.out(`execution ${id}`);
  await followAndExit(ctx, id, graphId, 'settled');
}

/** `watch ID`: follows an execution until it ends. */
export async function watch(ctx: CommandContext, executionId: string): Promise<void> {
  const execution = (await ctx.client.get(executionId)).execution;
  await followAndExit(ctx, executionId, execution?.graphId ?? '', 'ended');
}

/** `get ID`: the execution, its node runs, its output, error or suspension. */
export async function get(ctx: CommandContext, executionId: string): Promise<void> {
  const response = await ctx.client.call(
    ctx.client.executions,
    ctx.client.executions.getExecution,
    GetExecutionRequest.fromPartial({ executionId, view: ExecutionView.EXECUTION_VIEW_FULL }),
  );
  if (ctx.json) return ctx.out(JSON.stringify(GetExecutionResponse.toJSON(response)));
  const execution = response.execution;
  if (execution === undefined) return;
  printExecution(ctx, execution);
}

function printExecution(ctx: CommandContext, execution: Execution): void {
  ctx.out(`execution ${execution.id}: ${statusName(execution.status)}`);
  ctx.out(`  graph ${execution.graphId} (workflow ${execution.workflowId} v${execution.workflowVersion})`);
  ctx.out(
    `  created ${execution.createdAt?.toISOString() ?? '–'}${execution.finishedAt === undefined ? '' : `, finished ${execution.finishedAt.toISOString()}`}`,
  );
  const labels = Object.entries(execution.labels);
  if (labels.length > 0) ctx.out(`  labels ${labels.map(([key, value]) => `${key}=${value}`).join(' ')}`);
  if (execution.nodeExecutions.length > 0) {
    ctx.out('  node runs:');
    const width = Math.max(...execution.nodeExecutions.map((run) => run.nodeKey.length));
    for (const run of execution.nodeExecutions) {
      const took = run.startedAt !== undefined && run.completedAt !== undefined ? ` ${run.completedAt.getTime() - run.startedAt.getTime()} ms` : '';
      const retry = run.attempt > 0 ? ` attempt ${run.attempt + 1}` : '';
      const error = run.error === undefined ? '' : ` ${run.error.code}: ${run.error.message}`;
      ctx.out(`    #${run.executionIndex} ${run.nodeKey.padEnd(width)} run ${run.runIndex}${retry} ${nodeStatusName(run.status)}${took}${error}`);
    }
  }
  if (execution.output !== undefined) ctx.out(`  output ${JSON.stringify(execution.output)}`);
  if (execution.error !== undefined) ctx.out(`  error ${execution.error.code}: ${execution.error.message}`);
  const suspension = execution.suspension;
  if (suspension !== undefined)
    ctx.out(`  suspended at "${suspension.nodeKey}" (${suspension.kind?.$case ?? 'unknown'}); resume token ${suspension.resumeToken}`);
}

/** `list`: a page of executions with the filters of ListExecutions, newest first. */
export async function list(
  ctx: CommandContext,
  options: { status: string[]; graph?: string; labels: Record<string, string>; since?: string; before?: string; limit: string; pageToken?: string },
): Promise<void> {
  const time = (name: string, text: string | undefined): Date | undefined => {
    if (text === undefined) return undefined;
    const at = new Date(text);
    if (Number.isNaN(at.getTime())) throw new UsageError(`${name} is not a time: ${JSON.stringify(text)}`);
    return at;
  };
  const request = ListExecutionsRequest.fromPartial({
    statuses: options.status.map(statusOf),
    graphId: options.graph ?? '',
    labels: options.labels,
    createdAfter: time('--since', options.since),
    createdBefore: time('--before', options.before),
    pageSize: Number(options.limit),
    pageToken: options.pageToken ?? '',
  });
  const response = await ctx.client.call(ctx.client.executions, ctx.client.executions.listExecutions, request);
  if (ctx.json) return ctx.out(JSON.stringify(ListExecutionsResponse.toJSON(response)));
  const width = Math.max(2, ...response.executions.map((execution) => execution.id.length));
  for (const execution of response.executions) {
    ctx.out(`${execution.id.padEnd(width)}  ${statusName(execution.status).padEnd(9)}  ${execution.createdAt?.toISOString() ?? ''}  ${execution.workflowId}`);
  }
  if (response.nextPageToken !== '') ctx.out(`more: prana list --page-token ${response.nextPageToken} (same filters)`);
}

/** `resume ID`: resumes the execution's suspended node (or the suspension a token names) with data. */
export async function resume(
  ctx: CommandContext,
  executionId: string,
  options: { data: unknown; token?: string; node?: string; requestId?: string; wait: boolean },
): Promise<void> {
  let target: ResumeRequest['target'];
  if (options.token !== undefined) target = { $case: 'resumeToken', value: options.token };
  else {
    const nodeKey = options.node ?? (await ctx.client.get(executionId)).execution?.suspension?.nodeKey ?? '';
    if (nodeKey === '') throw new UsageError(`execution ${executionId} is not suspended (nothing to resume)`);
    target = { $case: 'node', value: { executionId, nodeKey } };
  }
  const request = ResumeRequest.fromPartial({
    target,
    data: options.data,
    requestId: options.requestId ?? '',
    wait: options.wait ? ExecutionWait.EXECUTION_WAIT_SETTLED : ExecutionWait.EXECUTION_WAIT_NONE,
  });
  const response = await ctx.client.call(ctx.client.executions, ctx.client.executions.resume, request);
  if (ctx.json) return ctx.out(JSON.stringify(ResumeResponse.toJSON(response)));
  ctx.out(
    `execution ${response.execution?.id ?? executionId}: ${statusName(response.execution?.status ?? 0)}${response.alreadyResumed ? ' (already resumed)' : ''}`,
  );
}

/** `cancel ID`. */
export async function cancel(ctx: CommandContext, executionId: string, reason: string): Promise<void> {
  const response = await ctx.client.cancel(executionId, reason);
  if (ctx.json) return ctx.out(JSON.stringify(CancelExecutionResponse.toJSON(response)));
  ctx.out(`execution ${response.execution?.id ?? executionId}: ${statusName(response.execution?.status ?? 0)}`);
}
