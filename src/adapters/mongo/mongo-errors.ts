import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoBulkWriteError,
} from 'mongodb';
import { StoreUnavailable } from '../../app/ports/execution-store.js';

/** True for errors that mean the server cannot be reached right now (transient, not the caller's fault). */
export function isUnavailable(error: unknown): boolean {
  return (
    // A bulk write (insertMany, bulkWrite) whose connection failed: the driver wraps the driver error
    // in a bulk error without write errors or a write concern error.
    (error instanceof MongoBulkWriteError && !hasWriteErrors(error) && (error as { err?: unknown }).err === undefined) ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoClientClosedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoOperationTimeoutError
  );
}

function hasWriteErrors(error: MongoBulkWriteError): boolean {
  const failures = error.writeErrors;
  return Array.isArray(failures) ? failures.length > 0 : failures !== undefined && failures !== null;
}

/** True for a duplicate key error (E11000), alone or as every failure of a bulk write. */
export function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const failures = error.writeErrors;
    const list = Array.isArray(failures) ? failures : [failures];
    return list.length > 0 && list.every((failure) => failure.code === 11000);
  }
  return error instanceof MongoServerError && error.code === 11000;
}

/** The port error for a driver error: StoreUnavailable when the server cannot be reached, else the error. */
export function storeError(error: unknown, what: string): unknown {
  if (isUnavailable(error)) return new StoreUnavailable(`MongoDB is unavailable (${what}): ${(error as Error).message}`, { cause: error });
  return error;
}

/** Runs one store operation, mapping connection failures to StoreUnavailable. */
export async function guard<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw storeError(error, what);
  }
}
