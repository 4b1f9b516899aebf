import type { Collection } from 'mongodb';
import type { TaskRecord, TaskStatus, TaskStore } from '../../app/ports/task-store.js';
import type { Json, JsonObject } from '../../domain/json.js';
import { namespaceOfId } from '../../domain/namespace.js';
import { guard, isDuplicateKey } from './mongo-errors.js';

/** An external task in the `tasks` collection, by task id. */
export interface TaskRow {
  _id: string;
  /** The namespace of the task's execution (claims and reads on behalf of a caller filter on it). */
  namespace: string;
  task_type: string;
  status: TaskStatus;
  /** The task input as JSON text. */
  input: string;
  execution_id: string;
  node_key: string;
  run_index: number;
  attempt: number;
  run_key: string;
  output_ports: string[];
  created_at: Date;
  timeout_at: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  /** The result as JSON text once finished with one. */
  result: string | null;
}

/** External tasks in MongoDB; a claim is one atomic findOneAndUpdate per task, so each goes to one worker. */
export class MongoTaskStore implements TaskStore {
  constructor(private readonly tasks: Collection<TaskRow>) {}

  removeForExecution(executionId: string): Promise<void> {
    return guard('remove tasks', async () => {
      await this.tasks.deleteMany({ execution_id: executionId });
    });
  }

  create(task: TaskRecord): Promise<boolean> {
    return guard('create task', async () => {
      try {
        await this.tasks.insertOne(taskRow(task));
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return false;
      }
    });
  }

  get(taskId: string, namespace?: string): Promise<TaskRecord | null> {
    return guard('get task', async () => {
      const row = await this.tasks.findOne(namespace === undefined ? { _id: taskId } : { _id: taskId, namespace });
      return row === null ? null : taskOfRow(row);
    });
  }

  claim(namespace: string, types: readonly string[], worker: string, leaseUntil: number, now: number, max: number): Promise<TaskRecord[]> {
    return guard('claim tasks', async () => {
      const claimed: TaskRecord[] = [];
      if (types.length === 0) return claimed;
      const at = new Date(now);
      while (claimed.length < max) {
        const row = await this.tasks.findOneAndUpdate(
          { namespace, status: 'open', task_type: { $in: [...types] }, timeout_at: { $gt: at }, $or: [{ lease_until: null }, { lease_until: { $lte: at } }] },
          { $set: { lease_owner: worker, lease_until: new Date(leaseUntil) } },
          { sort: { created_at: 1, _id: 1 }, returnDocument: 'after' },
        );
        if (row === null) break;
        claimed.push(taskOfRow(row));
      }
      return claimed;
    });
  }

  extend(taskId: string, worker: string, leaseUntil: number, now: number): Promise<boolean> {
    return guard('extend task lease', async () => {
      const result = await this.tasks.updateOne(
        { _id: taskId, status: 'open', lease_owner: worker, lease_until: { $gt: new Date(now) } },
        { $set: { lease_until: new Date(leaseUntil) } },
      );
      return result.matchedCount === 1;
    });
  }

  finish(taskId: string, status: Exclude<TaskStatus, 'open'>, result: JsonObject | null): Promise<boolean> {
    return guard('finish task', async () => {
      const update = await this.tasks.updateOne(
        { _id: taskId, status: 'open' },
        { $set: { status, result: result === null ? null : JSON.stringify(result), lease_owner: null, lease_until: null } },
      );
      return update.matchedCount === 1;
    });
  }
}

function taskRow(task: TaskRecord): TaskRow {
  return {
    _id: task.taskId,
    namespace: namespaceOfId(task.executionId),
    task_type: task.taskType,
    status: task.status,
    input: JSON.stringify(task.input),
    execution_id: task.executionId,
    node_key: task.nodeKey,
    run_index: task.runIndex,
    attempt: task.attempt,
    run_key: task.runKey,
    output_ports: [...task.outputPorts],
    created_at: new Date(task.createdAt),
    timeout_at: new Date(task.timeoutAt),
    lease_owner: task.leaseOwner,
    lease_until: task.leaseUntil === null ? null : new Date(task.leaseUntil),
    result: task.result === null ? null : JSON.stringify(task.result),
  };
}

function taskOfRow(row: TaskRow): TaskRecord {
  return {
    taskId: row._id,
    taskType: row.task_type,
    input: JSON.parse(row.input) as Json,
    executionId: row.execution_id,
    nodeKey: row.node_key,
    runIndex: row.run_index,
    attempt: row.attempt,
    runKey: row.run_key,
    outputPorts: row.output_ports,
    createdAt: row.created_at.getTime(),
    timeoutAt: row.timeout_at.getTime(),
    status: row.status,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until?.getTime() ?? null,
    result: row.result === null ? null : (JSON.parse(row.result) as JsonObject),
  };
}
