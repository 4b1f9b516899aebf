import type { JsonObject } from '../domain/json.js';
import type { NodeError } from '../domain/node-error.js';
import type { NodeErrorReport } from '../domain/outcome.js';
import type { NodeSettings } from '../domain/workflow.js';
import type { CompiledNode } from '../nodes/kit/compiled-graph.js';

/** Gives an error reported by a node the `node` and `action` details it is stored with. */
export function nodeError(node: CompiledNode, report: NodeErrorReport): NodeError {
  const details: JsonObject = { ...(report.details ?? {}), node: node.key, action: node.type.type };
  return { code: report.code, message: report.message, details };
}

/** The output of a `continue*` completion: the wrapped error. */
export function wrapError(error: NodeError, port: string, behavior: 'default_port' | 'error_port'): JsonObject {
  return {
    code: 'action_error',
    message: 'Action returned error',
    details: {
      error: { code: error.code, message: error.message, details: error.details },
      port,
      on_error_behavior: behavior,
    },
  };
}

/** delay(k) = floor(min(retry_delay_ms × retry_backoff^(k−1), retry_max_delay_ms)). */
export function retryDelay(settings: NodeSettings, k: number): number {
  return Math.floor(Math.min(settings.retryDelayMs * Math.pow(settings.retryBackoff, k - 1), settings.retryMaxDelayMs));
}
