import { AppError, bug, conflict, refused, transient } from './app-error.js';
import { DocumentTooLarge, StoreConflict, StoreUnavailable } from './ports/execution-store.js';

/**
 * Any failure that leaves the application, as an AppError: the stores' own errors become their
 * reasons (the store did not answer, a race was lost, a document outgrew its limit), and anything else
 * is a bug. So the transport maps one error type.
 */
export function appFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof StoreUnavailable) return transient('store_unavailable', 'the store did not answer; retry with back-off', error);
  if (error instanceof StoreConflict) return conflict('lost a race with a concurrent change; retry');
  if (error instanceof DocumentTooLarge) return refused('limit_exceeded', error.message, { limit: String(error.limit) });
  return bug('internal error', error);
}

/** Runs a use case, turning whatever it throws into an AppError. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw appFailure(error);
  }
}

/** A stream of a use case, turning whatever it throws into an AppError. */
export async function* guardedStream<T>(stream: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    throw appFailure(error);
  }
}
