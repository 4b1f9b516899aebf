import type { JsonObject } from '../../domain/json.js';
import type { TaskRecord, TaskStatus, TaskStore } from '../../app/ports/task-store.js';
import { namespaceOfId } from '../../domain/namespace.js';

/**
 * External tasks kept in process memory, by task id. The store holds private deep copies and hands
 * out copies, so a stored task is a snapshot, as in MongoDB.
 */
export class MemoryTaskStore implements TaskStore {
  private readonly tasks = new Map<string, TaskRecord>();

  async removeForExecution(executionId: string): Promise<void> {
    for (const [id, task] of this.tasks) if (task.executionId === executionId) this.tasks.delete(id);
  }

  async create(task: TaskRecord): Promise<boolean> {
    if (this.tasks.has(task.taskId)) return false;
    this.tasks.set(task.taskId, copy(task));
    return true;
  }

  async get(taskId: string, namespace?: string): Promise<TaskRecord | null> {
    const task = this.tasks.get(taskId);
    if (task === undefined || (namespace !== undefined && namespaceOfId(task.executionId) !== namespace)) return null;
    return copy(task);
  }

  async claim(namespace: string, types: readonly string[], worker: string, leaseUntil: number, now: number, max: number): Promise<TaskRecord[]> {
    const wanted = new Set(types);
    const open: TaskRecord[] = [];
    for (const task of this.tasks.values()) {
      if (
        task.status === 'open' &&
        wanted.has(task.taskType) &&
        namespaceOfId(task.executionId) === namespace &&
        (task.leaseUntil === null || task.leaseUntil <= now) &&
        task.timeoutAt > now
      )
        open.push(task);
    }
    open.sort((a, b) => a.createdAt - b.createdAt || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
    return open.slice(0, Math.max(0, max)).map((task) => copy(this.put({ ...task, leaseOwner: worker, leaseUntil })));
  }

  async extend(taskId: string, worker: string, leaseUntil: number, now: number): Promise<boolean> {
    const task = this.tasks.get(taskId);
    if (task === undefined || task.status !== 'open' || task.leaseOwner !== worker || task.leaseUntil === null || task.leaseUntil <= now) return false;
    this.put({ ...task, leaseUntil });
    return true;
  }

  async finish(taskId: string, status: Exclude<TaskStatus, 'open'>, result: JsonObject | null): Promise<boolean> {
    const task = this.tasks.get(taskId);
    if (task === undefined || task.status !== 'open') return false;
    this.put({ ...task, status, result: result === null ? null : copy(result), leaseOwner: null, leaseUntil: null });
    return true;
  }

  private put(task: TaskRecord): TaskRecord {
    this.tasks.set(task.taskId, task);
    return task;
  }
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
