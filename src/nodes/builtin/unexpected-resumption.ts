import type { Resumption } from '../../domain/resumption.js';

/**
 * The error a resume handler throws for a reason its suspension kinds can never end with: an engine
 * bug, which the engine reports as `node_exception`.
 */
export function unexpectedResumption(nodeType: string, reason: Resumption['reason']): Error {
  return new Error(`${nodeType} cannot be resumed with reason "${reason}"`);
}
