import type { Json } from './json.js';
import type { NodeError } from './node-error.js';

/** How a child execution ended, as its parent's resume handler sees it. */
export type ChildResult =
  | { readonly executionId: string; readonly itemIndex: number; readonly status: 'completed'; readonly output: Json }
  | {
      readonly executionId: string;
      readonly itemIndex: number;
      readonly status: 'failed' | 'cancelled';
      /**
       * `failed`: the child's execution error as stored (the failed run's node error, else its engine
       * error). `cancelled`: `{reason}` with the cancellation reason (the full cancellation error is
       * also accepted); the parent rebuilds `{type: "cancelled", message, reason}`.
       */
      readonly error: Json;
    };

/**
 * Why a suspended run is continued, with what. The reason is also the
 * `execution_resumed` event's reason. Retries never reach a resume handler: they start a new attempt.
 */
export type Resumption =
  | { readonly reason: 'resume'; readonly data: Json; readonly requestId?: string | undefined }
  | { readonly reason: 'timer' }
  | { readonly reason: 'deadline' }
  | { readonly reason: 'sub_workflow'; readonly children: readonly ChildResult[] }
  | { readonly reason: 'task'; readonly result: TaskResult };

/** How a worker finished an external task. */
export type TaskResult =
  | { readonly kind: 'completed'; readonly output: Json; readonly port: string }
  | { readonly kind: 'failed'; readonly error: Pick<NodeError, 'code' | 'message'> & { readonly details?: NodeError['details'] } };

/** Every reason an execution can resume for. */
export type ResumeReason = Resumption['reason'] | 'retry';
