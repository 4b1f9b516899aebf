// Runs a suite against every store: in memory always, and against MongoDB when a server is available
// (test/support/mongo.ts: skipped locally without one, required under CI=true).
import { describe } from 'vitest';
import { describeMongo } from '../../../support/mongo.js';
import { uriWithDatabase, type Backend } from './test-service.js';

/** Declares `suite` once per backend; the backend is known inside hooks and tests. */
export function describeEachBackend(name: string, suite: (backend: () => Backend) => void): void {
  describe(`${name} (memory)`, () => suite(() => ({ name: 'memory' })));
  describeMongo(`${name} (mongodb)`, (mongo) => suite(() => ({ name: 'mongodb', mongodbUri: uriWithDatabase(mongo.uri, mongo.db.databaseName) })));
}
