import { describe, expect, it } from 'vitest';
import { AppError, refused } from '../../../src/app/app-error.js';
import { appFailure, guarded, guardedStream } from '../../../src/app/app-failure.js';
import { DocumentTooLarge, StoreConflict, StoreUnavailable } from '../../../src/app/ports/execution-store.js';

describe('appFailure', () => {
  it('passes an AppError through unchanged', () => {
    const error = refused('not_suspended', 'no');
    expect(appFailure(error)).toBe(error);
  });

  it('turns the stores’ errors into their reasons', () => {
    const unavailable = new StoreUnavailable('socket closed');
    expect(appFailure(unavailable)).toMatchObject({ reason: 'store_unavailable', code: 'unavailable', cause: unavailable });
    expect(appFailure(new StoreConflict('revision', 'stale'))).toMatchObject({ reason: 'conflict', code: 'aborted' });
    expect(appFailure(new DocumentTooLarge(20, 10))).toMatchObject({ reason: 'limit_exceeded', metadata: { limit: '10' } });
  });

  it('calls anything else a bug, keeping the cause but not its message', () => {
    const thrown = new TypeError('x is undefined');
    const error = appFailure(thrown);
    expect(error).toMatchObject({ reason: 'internal', message: 'internal error', cause: thrown });
  });
});

describe('guarded', () => {
  it('returns what the work returns', async () => {
    await expect(guarded(async () => 7)).resolves.toBe(7);
  });

  it('rejects with an AppError whatever the work throws', async () => {
    const failure = await guarded(async () => {
      throw new StoreUnavailable('down');
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).reason).toBe('store_unavailable');
  });
});

describe('guardedStream', () => {
  it('yields what the stream yields, then its failure as an AppError', async () => {
    async function* stream(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new StoreConflict('revision', 'stale');
    }
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const value of guardedStream(stream())) seen.push(value);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([1, 2]);
    expect((failure as AppError).reason).toBe('conflict');
  });
});
