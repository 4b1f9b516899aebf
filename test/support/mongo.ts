// MongoDB for tests: the URI the run provides, and describeMongo for suites that need a server.
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { isCi } from './ci-mode.js';
import { SuiteMongo, type MongoTestContext } from './mongo-test-context.js';
import { uniqueDatabaseName } from './unique-database-name.js';

export type { MongoTestContext } from './mongo-test-context.js';

const MISSING_IN_CI =
  'CI=true but no MongoDB server is available: set MONGODB_URI, or put `go` on PATH so the test ' +
  'globalSetup can build and start tools/mongo-test-server (see scripts/mongo-test-server.mjs).';

/** The MongoDB URI tests should use (provided by globalSetup, else MONGODB_URI), or undefined if none. */
export function mongoTestUri(): string | undefined {
  const provided = inject('mongoUri');
  if (provided) return provided;
  return process.env.MONGODB_URI || undefined;
}

/**
 * Declares a suite that needs MongoDB. fn gets a context whose client and db (a database of the suite's
 * own, dropped afterwards) work inside tests and hooks. Without a server the suite is skipped, except
 * under CI=true, where it fails instead.
 */
export function describeMongo(name: string, fn: (mongo: MongoTestContext) => void): void {
  const uri = mongoTestUri();
  const mongo = new SuiteMongo(uri ?? 'mongodb://unavailable/', uniqueDatabaseName(name));
  if (uri !== undefined) {
    describe(name, () => {
      beforeAll(() => mongo.open());
      afterAll(() => mongo.close());
      fn(mongo);
    });
  } else if (isCi()) {
    describe(name, () => {
      it('has a MongoDB server', () => {
        throw new Error(MISSING_IN_CI);
      });
    });
  } else {
    describe.skip(`${name} (skipped: no MongoDB; set MONGODB_URI or install go)`, () => fn(mongo));
  }
}
