import type { Json, JsonObject } from '../../domain/json.js';
import { AppError, notFound, refused } from '../app-error.js';
import type { TaskRecord } from '../ports/task-store.js';
import { RequestCheck } from '../request-check.js';
import type { AppContext } from './context.js';
import { currentSuspension } from '../../engine/index.js';
import { taskResultOf } from '../runtime/suspension-sources.js';

/** PollTasks, decoded. */
export interface PollRequest {
  readonly workerId: string;
  readonly taskTypes: readonly string[];
  readonly maxTasks: number;
  readonly leaseMs: number;
  readonly waitMs: number;
}

const MIN_LEASE_MS = 1000;
const MAX_LEASE_MS = 3_600_000;
const DEFAULT_LEASE_MS = 60_000;
const MAX_WAIT_MS = 60_000;
const RECHECK_MS = 100;

/** PollTasks: leases open tasks to a worker, waiting up to `waitMs` for one (long poll). */
export async function pollTasks(ctx: AppContext, namespace: string, request: PollRequest, signal?: AbortSignal): Promise<TaskRecord[]> {
  const check = workerCheck(ctx, request.workerId).range('max_tasks', request.maxTasks, 0, 100).range('wait_ms', request.waitMs, 0, MAX_WAIT_MS);
  if (request.taskTypes.length === 0) check.add('task_types', 'at least one task type is required');
  request.taskTypes.forEach((type, index) => check.required(`task_types[${index}]`, type));
  leaseCheck(check, request.leaseMs).done();
  const max = request.maxTasks === 0 ? 1 : request.maxTasks;
  const lease = request.leaseMs === 0 ? DEFAULT_LEASE_MS : request.leaseMs;
  const deadline = ctx.clock.now() + request.waitMs;
  for (;;) {
    const now = ctx.clock.now();
    const tasks = await ctx.tasks.claim(namespace, request.taskTypes, request.workerId, now + lease, now, max);
    if (tasks.length > 0 || now >= deadline || signal?.aborted === true) return tasks;
    await sleep(ctx, Math.min(RECHECK_MS, deadline - now), signal);
  }
}

/**
 * CompleteTask: the node completes on the given port with the output. The task is
 * finished and its execution resumed by the execution's actor, under its lease, so a crash in between
 * leaves the lease behind and whoever takes it over applies the finished task.
 */
export async function completeTask(
  ctx: AppContext,
  namespace: string,
  taskId: string,
  workerId: string,
  output: Json,
  port: string,
): Promise<{ alreadyCompleted: boolean }> {
  taskCheck(ctx, taskId, workerId).maxBytes('output', output, ctx.limits.maxTaskOutputBytes).done();
  const task = await openTask(ctx, namespace, taskId, workerId, 'completed');
  if (task.status === 'completed') return { alreadyCompleted: await applyFinished(ctx, task) };
  const chosen = port === '' ? 'main' : port;
  if (chosen !== 'main' && !task.outputPorts.includes(chosen)) {
    throw new AppError({
      reason: 'invalid_port',
      message: `task ${taskId} has no output port "${chosen}"`,
      metadata: { port: chosen },
      fieldViolations: [{ field: 'port', description: `must be "main" or one of: ${task.outputPorts.join(', ')}` }],
    });
  }
  const outcome = await ctx.runtime.taskFinished(task.executionId, {
    taskId,
    status: 'completed',
    stored: { output, port: chosen },
    result: { kind: 'completed', output, port: chosen },
  });
  return { alreadyCompleted: outcome.already };
}

/** FailTask: the node errors with the given code (default `task_failed`); retry and on_error apply. */
export async function failTask(
  ctx: AppContext,
  namespace: string,
  taskId: string,
  workerId: string,
  error: { code: string; message: string; details: JsonObject },
): Promise<{ alreadyFailed: boolean }> {
  taskCheck(ctx, taskId, workerId).done();
  const task = await openTask(ctx, namespace, taskId, workerId, 'failed');
  if (task.status === 'failed') return { alreadyFailed: await applyFinished(ctx, task) };
  const reported = { code: error.code === '' ? 'task_failed' : error.code, message: error.message, details: error.details };
  const outcome = await ctx.runtime.taskFinished(task.executionId, {
    taskId,
    status: 'failed',
    stored: { error: reported },
    result: { kind: 'failed', error: reported },
  });
  return { alreadyFailed: outcome.already };
}

/** ExtendTaskLease: keeps the worker's lease on an open task. */
export async function extendTaskLease(ctx: AppContext, namespace: string, taskId: string, workerId: string, requestedLeaseMs: number): Promise<number> {
  leaseCheck(taskCheck(ctx, taskId, workerId), requestedLeaseMs).done();
  const leaseMs = requestedLeaseMs === 0 ? DEFAULT_LEASE_MS : requestedLeaseMs;
  const task = await ctx.tasks.get(taskId, namespace);
  if (task === null) throw notFound('prana.v1.Task', taskId);
  if (task.status !== 'open') throw closed(task);
  const now = ctx.clock.now();
  const until = now + leaseMs;
  if (!(await ctx.tasks.extend(taskId, workerId, until, now))) {
    throw refused('lease_not_held', `another worker holds task ${taskId}`, {
      lease_expires_at: new Date(task.leaseUntil ?? now).toISOString(),
    });
  }
  return until;
}

/**
 * A task finished before (a retried call) whose execution still waits on it: the earlier call stopped
 * before the execution took the result, so this call has it applied. Returns true (already finished).
 */
async function applyFinished(ctx: AppContext, task: TaskRecord): Promise<true> {
  const execution = await ctx.runtime.read(task.executionId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  });
  const suspension = execution === null ? undefined : currentSuspension(execution);
  const result = taskResultOf(task);
  if (execution?.status === 'suspended' && suspension?.kind === 'task' && suspension.taskId === task.taskId && result !== null && task.result !== null) {
    await ctx.runtime.taskFinished(task.executionId, { taskId: task.taskId, status: task.status as 'completed' | 'failed', stored: task.result, result });
  }
  return true;
}

/** The checks of a worker id. */
function workerCheck(ctx: AppContext, workerId: string): RequestCheck {
  return new RequestCheck().required('worker_id', workerId).maxLength('worker_id', workerId, ctx.limits.maxWorkerIdLength);
}

/** The checks of the ids every task RPC names. */
function taskCheck(ctx: AppContext, taskId: string, workerId: string): RequestCheck {
  return new RequestCheck().id('task_id', taskId).required('worker_id', workerId).maxLength('worker_id', workerId, ctx.limits.maxWorkerIdLength);
}

/** `lease_duration_ms`: 0 means the default; otherwise within the bounds. */
function leaseCheck(check: RequestCheck, leaseMs: number): RequestCheck {
  return leaseMs === 0 ? check : check.range('lease_duration_ms', leaseMs, MIN_LEASE_MS, MAX_LEASE_MS);
}

/** The task if it is open and this worker may finish it, or if it already ended as `same`. */
async function openTask(ctx: AppContext, namespace: string, taskId: string, workerId: string, same: 'completed' | 'failed'): Promise<TaskRecord> {
  const task = await ctx.tasks.get(taskId, namespace);
  if (task === null) throw notFound('prana.v1.Task', taskId);
  if (task.status === same) return task;
  if (task.status !== 'open') throw closed(task);
  const now = ctx.clock.now();
  if (task.leaseOwner !== null && task.leaseOwner !== workerId && (task.leaseUntil ?? 0) > now) {
    throw refused('lease_not_held', `worker ${task.leaseOwner} holds task ${taskId}`, {
      lease_expires_at: new Date(task.leaseUntil ?? now).toISOString(),
    });
  }
  return task;
}

function closed(task: TaskRecord): AppError {
  return refused('task_closed', `task ${task.taskId} is ${task.status}`, { status: task.status });
}

function sleep(ctx: AppContext, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = ctx.timers.setTimeout(resolve, Math.max(1, ms));
    signal?.addEventListener(
      'abort',
      () => {
        timer.cancel();
        resolve();
      },
      { once: true },
    );
  });
}
