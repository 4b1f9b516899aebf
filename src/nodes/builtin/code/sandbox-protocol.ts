import type { NodeLogRecord } from '../../kit/node-services.js';
import type { SandboxResult } from './run-in-sandbox.js';
import type { SandboxInstanceStats } from './sandbox-instance.js';

/** One script for a worker to run: the code, its arguments as JSON text, its limits, its log fields. */
export interface SandboxJob {
  readonly code: string;
  readonly inputJson: string;
  readonly contextJson: string;
  readonly timeoutMs: number;
  readonly memoryBytes: number;
  /** Fields every console record of the run carries (execution id, node key). */
  readonly logFields: Readonly<Record<string, string>>;
}

/** What the host posts to a worker: a run, or a request for the worker's sandbox counters. */
export type HostMessage = { readonly type: 'run'; readonly id: number; readonly job: SandboxJob } | { readonly type: 'stats'; readonly id: number };

/**
 * What a worker posts back, each tagged with the id of the host message it answers. For a run:
 * `started` once the sandbox is ready and the deadline starts, `log` for each console record, then
 * exactly one `result` or `failed` (the sandbox faulted in a way that is no result of the code).
 */
export type WorkerMessage =
  | { readonly type: 'started'; readonly id: number }
  | { readonly type: 'log'; readonly id: number; readonly record: NodeLogRecord }
  | { readonly type: 'result'; readonly id: number; readonly result: SandboxResult }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'stats'; readonly id: number; readonly stats: SandboxInstanceStats };

/** True when a value received from a worker has the shape of a WorkerMessage's envelope. */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return typeof id === 'number' && (type === 'started' || type === 'log' || type === 'result' || type === 'failed' || type === 'stats');
}
