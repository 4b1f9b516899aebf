import type { JsonObject } from './json.js';

/**
 * A node error: execution data, never an RPC failure. Before it is stored its
 * `details` always carry `node` and `action`.
 */
export interface NodeError {
  readonly code: string;
  readonly message: string;
  readonly details: JsonObject;
}

/** Codes that are never retried. */
export const NON_RETRYABLE_CODES: ReadonlySet<string> = new Set(['invalid_params', 'expression_error', 'unknown_node_type', 'output_too_large']);

/** True when an error with this code may be retried. */
export function isRetryable(code: string): boolean {
  return !NON_RETRYABLE_CODES.has(code);
}

/**
 * An engine-level failure: it fails the execution directly, without a failed
 * NodeExecution. Extra fields depend on the type.
 */
export interface EngineError {
  readonly type: 'no_ready_nodes' | 'infinite_loop_protection' | 'preparation_failed' | 'execution_too_large' | 'internal_error';
  readonly message: string;
  readonly [field: string]: import('./json.js').Json;
}
