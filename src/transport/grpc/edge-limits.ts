import { DEFAULT_REQUEST_LIMITS } from '../../app/request-limits.js';

/** Sizes and lengths checked at the edge before any use case runs (proto comments give the numbers). */
export interface EdgeLimits {
  /** StartExecution / RunExecution `input` and `variables`, each serialised as JSON. */
  readonly maxInputBytes: number;
  /** Resume `data`, serialised (SEMANTICS.md §14: 1 MiB). */
  readonly maxResumeDataBytes: number;
  /** CompleteTask `output`, serialised: the node output limit (SEMANTICS.md §14: 4 MiB). */
  readonly maxTaskOutputBytes: number;
  /** `request_id` of StartExecution, RunExecution and Resume. */
  readonly maxRequestIdLength: number;
  /** `worker_id` of the task RPCs. */
  readonly maxWorkerIdLength: number;
}

/** The limits the contract documents. */
export const DEFAULT_EDGE_LIMITS: EdgeLimits = Object.freeze({
  maxInputBytes: DEFAULT_REQUEST_LIMITS.maxInputBytes,
  maxResumeDataBytes: DEFAULT_REQUEST_LIMITS.maxResumeDataBytes,
  maxTaskOutputBytes: 4 * 1024 * 1024,
  maxRequestIdLength: 128,
  maxWorkerIdLength: 128,
});
