import type { Outcome } from '../domain/outcome.js';

/** The outcome for an exception thrown by a node implementation. */
export function nodeExceptionOutcome(thrown: unknown): Outcome {
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: 'error', error: { code: 'node_exception', message: 'Node raised an exception', details: { reason } } };
}
