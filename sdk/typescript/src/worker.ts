import type { PranaClient } from './client.js';
import { PranaError, reconnectable } from './errors.js';
import type { Task } from './gen/prana/v1/task.js';

/** Completes a task with `output` on `port` (default `main`). */
export interface TaskResult {
  readonly output: unknown;
  readonly port?: string;
}

/** Thrown by a handler to fail its task with a node error the workflow sees. */
export class TaskFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}

/** What a worker needs. */
export interface WorkerOptions {
  readonly client: PranaClient;
  readonly workerId: string;
  readonly taskTypes: readonly string[];
  /** Works one task; returns its result (or throws TaskFailure; any other error fails it as `worker_error`). */
  readonly handle: (task: Task, input: unknown, signal: AbortSignal) => Promise<TaskResult> | TaskResult;
  /** Lease asked for each task, renewed every third of it while the handler works. Default 60 000 ms. */
  readonly leaseMs?: number;
}

/**
 * Serves task types: poll (long poll), extend the lease while the handler works, then complete or fail
 * the task. When the lease is lost (another worker took the task over, or it ended) the handler's
 * signal aborts and its outcome is dropped. Passing failures (the service unavailable, a lost race) are
 * retried with back-off.
 */
export class Worker {
  private stopped = false;
  private readonly leaseMs: number;

  constructor(private readonly options: WorkerOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Ends `run` after the task in hand (at most one long poll later). */
  stop(): void {
    this.stopped = true;
  }

  /** Serves tasks until stopped, or until `maxTasks` were handled; resolves with how many were. */
  async run(maxTasks = Infinity): Promise<number> {
    const { client } = this.options;
    let handled = 0;
    let backoffMs = 100;
    while (!this.stopped && handled < maxTasks) {
      let tasks: Task[];
      try {
        const request = {
          workerId: this.options.workerId,
          taskTypes: [...this.options.taskTypes],
          maxTasks: 1,
          leaseDurationMs: String(this.leaseMs),
          waitMs: '5000',
        };
        tasks = (await client.call(client.tasks, client.tasks.pollTasks, request, 30_000)).tasks;
      } catch (error) {
        if (!(error instanceof PranaError) || !reconnectable(error)) throw error;
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5000);
        continue;
      }
      backoffMs = 100;
      for (const task of tasks) {
        await this.work(task);
        handled++;
      }
    }
    return handled;
  }

  /** Runs the handler on one task under a lease kept alive, then reports the outcome. */
  async work(task: Task): Promise<void> {
    const { client, workerId } = this.options;
    const lost = new AbortController();
    const keeper = setInterval(() => {
      const request = { taskId: task.taskId, workerId, leaseDurationMs: String(this.leaseMs) };
      client.call(client.tasks, client.tasks.extendTaskLease, request).catch((error: unknown) => {
        if (error instanceof PranaError && ['lease_not_held', 'task_closed', 'not_found'].includes(error.reason)) lost.abort();
      });
    }, this.leaseMs / 3);
    let outcome: TaskResult | TaskFailure;
    try {
      outcome = await this.options.handle(task, task.input ?? null, lost.signal);
    } catch (error) {
      outcome =
        error instanceof TaskFailure ? error : new TaskFailure('worker_error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    } finally {
      clearInterval(keeper);
    }
    if (!lost.signal.aborted) await this.report(task, outcome);
  }

  private async report(task: Task, outcome: TaskResult | TaskFailure): Promise<void> {
    const { client, workerId } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        if (outcome instanceof TaskFailure) {
          const error = { code: outcome.code, message: outcome.message, details: outcome.details };
          await client.call(client.tasks, client.tasks.failTask, { taskId: task.taskId, workerId, error });
        } else {
          await client.call(client.tasks, client.tasks.completeTask, { taskId: task.taskId, workerId, output: outcome.output, port: outcome.port ?? '' });
        }
        return;
      } catch (error) {
        if (!(error instanceof PranaError) || !reconnectable(error) || attempt >= 20) throw error;
        await sleep(Math.min(200 * (attempt + 1), 5000));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
