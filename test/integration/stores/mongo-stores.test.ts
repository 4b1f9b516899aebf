// The store contract suite against the MongoDB stores (the Go-built FerretDB test server in CI), each
// suite on a fresh database dropped afterwards; plus what only the MongoDB adapter has to show.
import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../../../src/app/ports/execution-store.js';
import { createMongoStores } from '../../../src/adapters/mongo/mongo-stores.js';
import { INDEXES, COLLECTIONS } from '../../../src/adapters/mongo/mongo-indexes.js';
import { describeMongo } from '../../support/mongo.js';
import { uniqueDatabaseName } from '../../support/unique-database-name.js';
import { storeContracts } from './contracts.js';
import { CHAIN, ODD_KEYS, T0, fixtureFacts, recordOf, runFixture } from './fixtures.js';

describeMongo('MongoDB stores', (mongo) => {
  let atomic: boolean | undefined;
  /**
   * False when the server is a FerretDB that applies conditional writes non-atomically (issue 3040):
   * FerretDB reports its version in buildInfo, and the project's test server, which lets one write at a
   * time through, reports it with "+serialized-writes".
   */
  const atomicWrites = async (): Promise<boolean> => {
    if (atomic === undefined) {
      const build = await mongo.client.db('admin').command({ buildInfo: 1 });
      const ferret = typeof build.ferretdbVersion === 'string' ? build.ferretdbVersion : null;
      atomic = ferret === null || ferret.includes('+serialized-writes');
      if (!atomic) console.log(`[mongo stores] server is FerretDB ${String(ferret)}: tests of concurrent conditional writes skip (FerretDB issue 3040)`);
    }
    return atomic;
  };

  storeContracts({
    name: 'mongodb',
    open: async (limits) => {
      const dbName = uniqueDatabaseName('stores');
      const stores = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts, serverSelectionTimeoutMS: 5000, ...limits });
      return {
        ...stores,
        atomicWrites: await atomicWrites(),
        documentBytes: (id) => stores.executions.documentBytes(id),
        close: async () => {
          try {
            await mongo.client.db(dbName).dropDatabase();
          } finally {
            await stores.close();
          }
        },
      };
    },
  });

  describe('MongoDB adapter specifics', () => {
    it('creates every index at start-up, and starting again is harmless', async () => {
      const dbName = uniqueDatabaseName('indexes');
      const first = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      const second = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      try {
        const db = mongo.client.db(dbName);
        for (const [collection, indexes] of Object.entries(INDEXES) as [keyof typeof COLLECTIONS, (typeof INDEXES)[keyof typeof COLLECTIONS]][]) {
          const names = (await db.collection(COLLECTIONS[collection]).indexes()).map((index) => index.name);
          for (const index of indexes) expect(names).toContain(index.name);
        }
        const events = await db.collection(COLLECTIONS.events).indexes();
        expect(events.find((index) => index.name === 'execution_seq')?.unique).toBe(true);
      } finally {
        await mongo.client.db(dbName).dropDatabase();
        await first.close();
        await second.close();
      }
    });

    it('stores queryable fields as BSON fields and the rest of the document as a JSON string', async () => {
      const dbName = uniqueDatabaseName('shape');
      const stores = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      try {
        const run = await runFixture(ODD_KEYS, { id: 'shape-1', labels: { 'team.name': 'core' } });
        await stores.executions.insert(recordOf(run.execution, { nextWakeAt: T0 + 5, lease: { owner: 'r1', epoch: 2, until: T0 + 9 } }));
        const row = await mongo.client.db(dbName).collection('executions').findOne({ _id: 'shape-1' as never });
        expect(row).toMatchObject({
          _id: 'shape-1',
          rev: 1,
          status: 'completed',
          graph_id: run.execution.graphId,
          workflow_id: 'wf-test',
          created_at: new Date(T0),
          labels: ['team.name=core'],
          parent_id: null,
          next_wake_at: new Date(T0 + 5),
          lease: { owner: 'r1', epoch: 2, until: new Date(T0 + 9) },
          seq: run.execution.seq,
        });
        expect(typeof row!.data).toBe('string');
        expect(JSON.parse(row!.data as string)).toMatchObject({ state: { $where: 'x', 'a.b': { $in: [1, 2] } } });
        expect(JSON.parse(row!.data as string)).not.toHaveProperty('status');
      } finally {
        await mongo.client.db(dbName).dropDatabase();
        await stores.close();
      }
    });

    it('raises StoreUnavailable once the client is gone', async () => {
      const dbName = uniqueDatabaseName('closed');
      const stores = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      const run = await runFixture(CHAIN, { id: 'closed-1' });
      await stores.close();
      await expect(stores.executions.insert(recordOf(run.execution))).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(stores.events.read('closed-1', 0, 10)).rejects.toBeInstanceOf(StoreUnavailable);
      await mongo.client.db(dbName).dropDatabase();
    });
  });
});

describe('MongoDB stores without a server', () => {
  it('fail to start with StoreUnavailable after the server selection timeout', async () => {
    const error = await createMongoStores('mongodb://127.0.0.1:1/', { dbName: 'unreachable', facts: fixtureFacts, serverSelectionTimeoutMS: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/unavailable/i);
  });
});
