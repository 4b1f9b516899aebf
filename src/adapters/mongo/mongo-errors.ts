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
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof MongoClientClosedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoOperationTimeoutError
  );
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
