/** The limits of every request, checked by the use cases before any work. */
export interface RequestLimits {
  /** StartExecution / RunExecution `input` and `variables`, each serialised. */
  readonly maxInputBytes: number;
  /** Resume `data`, serialised. */
  readonly maxResumeDataBytes: number;
  /** CompleteTask `output`, serialised: the node output limit. */
  readonly maxTaskOutputBytes: number;
  /** `request_id` of StartExecution, RunExecution and Resume. */
  readonly maxRequestIdLength: number;
  /** `worker_id` of the task RPCs. */
  readonly maxWorkerIdLength: number;
  readonly maxLabels: number;
  readonly maxPageSize: number;
  /** All node params of a workflow together, serialised. */
  readonly maxWorkflowParamsBytes: number;
}

/** The limits the contract documents. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxInputBytes: 1024 * 1024,
  maxResumeDataBytes: 1024 * 1024,
  maxTaskOutputBytes: 4 * 1024 * 1024,
  maxRequestIdLength: 128,
  maxWorkerIdLength: 128,
  maxLabels: 32,
  maxPageSize: 500,
  maxWorkflowParamsBytes: 4 * 1024 * 1024,
});
