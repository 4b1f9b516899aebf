import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError, type BulkWriteResult, type WriteError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../../../../src/app/ports/execution-store.js';
import { guard, isDuplicateKey, isUnavailable, storeError } from '../../../../src/adapters/mongo/mongo-errors.js';

const noResult = undefined as unknown as BulkWriteResult;
/** A failure of one write in a bulk write, as the driver reports it (code and index are what is read). */
const writeFailure = (code: number, index: number): WriteError => ({ code, index, errmsg: `error ${code}` }) as unknown as WriteError;
const duplicate = (index: number): WriteError => writeFailure(11000, index);

describe('isUnavailable', () => {
  it('is true for errors of reaching the server', () => {
    expect(isUnavailable(new MongoNetworkError('connection reset'))).toBe(true);
    expect(isUnavailable(new MongoServerSelectionError('no server', { error: undefined, servers: new Map() } as never))).toBe(true);
  });

  it('is true for a bulk write whose connection failed, false for one the server refused', () => {
    expect(isUnavailable(new MongoBulkWriteError(new MongoNetworkError('connection reset'), noResult))).toBe(true);
    expect(isUnavailable(new MongoBulkWriteError({ message: 'dup', code: 11000, writeErrors: [duplicate(0)] }, noResult))).toBe(false);
  });

  it('is false for a server error and for anything else', () => {
    expect(isUnavailable(new MongoServerError({ message: 'bad', code: 2 }))).toBe(false);
    expect(isUnavailable(new Error('x'))).toBe(false);
  });
});

describe('isDuplicateKey', () => {
  it('is true for E11000, alone or as every failure of a bulk write', () => {
    expect(isDuplicateKey(new MongoServerError({ message: 'dup', code: 11000 }))).toBe(true);
    expect(isDuplicateKey(new MongoBulkWriteError({ message: 'dup', code: 11000, writeErrors: [duplicate(0), duplicate(1)] }, noResult))).toBe(true);
  });

  it('is false when some failure of a bulk write is something else, or there is none', () => {
    const other = writeFailure(121, 1);
    expect(isDuplicateKey(new MongoBulkWriteError({ message: 'mixed', code: 11000, writeErrors: [duplicate(0), other] }, noResult))).toBe(false);
    expect(isDuplicateKey(new MongoBulkWriteError(new MongoNetworkError('reset'), noResult))).toBe(false);
    expect(isDuplicateKey(new MongoServerError({ message: 'x', code: 2 }))).toBe(false);
  });
});

describe('storeError and guard', () => {
  it('map an unreachable server to StoreUnavailable naming the operation, and leave other errors alone', async () => {
    const network = new MongoNetworkError('connection reset');
    const mapped = storeError(network, 'insert execution');
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as Error).message).toContain('insert execution');
    expect((mapped as Error).cause).toBe(network);
    const server = new MongoServerError({ message: 'bad', code: 2 });
    expect(storeError(server, 'x')).toBe(server);
    await expect(guard('read', async () => Promise.reject(network))).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(guard('read', async () => 3)).resolves.toBe(3);
  });
});
