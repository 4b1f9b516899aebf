import type { Json, JsonObject } from '../../domain/json.js';

/** Task lifecycle. */
export type TaskStatus = 'open' | 'completed' | 'failed' | 'cancelled' | 'timed_out';

/** An external task handed to workers. Times are epoch ms. */
export interface TaskRecord {
  readonly taskId: string;
  readonly taskType: string;
  readonly input: Json;
  readonly executionId: string;
  readonly nodeKey: string;
  readonly runIndex: number;
  readonly attempt: number;
  readonly runKey: string;
  readonly outputPorts: readonly string[];
  readonly createdAt: number;
  readonly timeoutAt: number;
  readonly status: TaskStatus;
  /** The worker holding the lease and until when. */
  readonly leaseOwner: string | null;
  readonly leaseUntil: number | null;
  /** The result once completed or failed. */
  readonly result: JsonObject | null;
}

/** Where tasks wait for workers. */
export interface TaskStore {
  /**
   * Creates the task; creating an existing task id changes nothing and returns false (the task may
   * already be finished: it was created before a crash).
   */
  create(task: TaskRecord): Promise<boolean>;
  /** The task; with `namespace`, only when its execution belongs to that namespace (else null). */
  get(taskId: string, namespace?: string): Promise<TaskRecord | null>;
  /**
   * Claims up to `max` open tasks of `namespace` of the types whose lease is free or expired (until ≤
   * now) and whose timeout has not passed (timeout_at > now), oldest first; each task goes to one
   * worker only. A task's namespace is its execution's.
   */
  claim(namespace: string, types: readonly string[], worker: string, leaseUntil: number, now: number, max: number): Promise<TaskRecord[]>;
  /**
   * Extends the lease `worker` holds on an open task (until > now); returns false when the task is not
   * open or the worker does not hold it (another worker's, or expired: the worker must claim again).
   */
  extend(taskId: string, worker: string, leaseUntil: number, now: number): Promise<boolean>;
  /** Moves an open task to a final status with a result; returns false when it was not open. */
  finish(taskId: string, status: Exclude<TaskStatus, 'open'>, result: JsonObject | null): Promise<boolean>;
  /** Deletes every task of an execution (retention). */
  removeForExecution(executionId: string): Promise<void>;
}
