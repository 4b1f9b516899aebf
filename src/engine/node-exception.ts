import type { Outcome } from '../domain/outcome.js';

/** The outcome for an exception thrown by a node implementation (SEMANTICS.md §6.1 step 6). */
export function nodeExceptionOutcome(thrown: unknown): Outcome {
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: 'error', error: { code: 'node_exception', message: 'Node raised an exception', details: { reason } } };
}
