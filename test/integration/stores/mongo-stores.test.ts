// The store contract suite against the MongoDB stores (the Go-built FerretDB test server in CI), each
// suite on a fresh database dropped afterwards; plus what only the MongoDB adapter has to show.
import { describe, expect, it } from 'vitest';
import { StoreConflict, StoreUnavailable } from '../../../src/app/ports/execution-store.js';
import { createMongoStores } from '../../../src/adapters/mongo/mongo-stores.js';
import { INDEXES, COLLECTIONS } from '../../../src/adapters/mongo/mongo-indexes.js';
import { describeMongo } from '../../support/mongo.js';
import { uniqueDatabaseName } from '../../support/unique-database-name.js';
import { storeContracts } from './contracts.js';
import { CHAIN, ODD_KEYS, T0, fixtureFacts, largeOutputs, recordOf, runFixture, taskRecord } from './fixtures.js';

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

    it('adopts rows written before namespaces into the default namespace at start-up, and drops the indexes they replace', async () => {
      const dbName = uniqueDatabaseName('adopt');
      const db = mongo.client.db(dbName);
      const early = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      try {
        const run = await runFixture(ODD_KEYS, { id: 'early-1' });
        await early.executions.insert(recordOf(run.execution));
        await early.tasks.create(taskRecord('early-task', { executionId: 'early-1', taskType: 'early' }));
        await early.graphs.save({ id: 'early-graph', compilerVersion: 'x', definition: ODD_KEYS, createdAt: T0 }, 'default');
        // As an earlier version left them: no namespace fields, and the indexes of that version.
        await db.collection(COLLECTIONS.executions).updateMany({}, { $unset: { namespace: '' } });
        await db.collection(COLLECTIONS.tasks).updateMany({}, { $unset: { namespace: '' } });
        await db.collection(COLLECTIONS.graphs).updateMany({}, { $unset: { namespaces: '' } });
        await db.collection(COLLECTIONS.executions).createIndexes([{ key: { created_at: -1, _id: -1 }, name: 'created_desc' }]);
        expect(await early.executions.list({ namespace: 'default', limit: 10 })).toEqual([]);
        const later = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
        try {
          expect((await later.executions.list({ namespace: 'default', limit: 10 })).map((row) => row.execution.id)).toEqual(['early-1']);
          expect((await later.tasks.claim('default', ['early'], 'w', T0 + 60_000, T0, 5)).map((task) => task.taskId)).toEqual(['early-task']);
          expect(await later.graphs.existing(['early-graph'], 'default')).toEqual(new Set(['early-graph']));
          expect((await db.collection(COLLECTIONS.executions).indexes()).map((index) => index.name)).not.toContain('created_desc');
        } finally {
          await later.close();
        }
      } finally {
        await db.dropDatabase();
        await early.close();
      }
    });

    it('stores queryable fields as BSON fields and the rest of the document as a JSON string', async () => {
      const dbName = uniqueDatabaseName('shape');
      const stores = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts });
      try {
        const run = await runFixture(ODD_KEYS, { id: 'shape-1', labels: { 'team.name': 'core' } });
        await stores.executions.insert(recordOf(run.execution, { nextWakeAt: T0 + 5, lease: { owner: 'r1', epoch: 2, until: T0 + 9 } }));
        const row = await mongo.client
          .db(dbName)
          .collection('executions')
          .findOne({ _id: 'shape-1' as never });
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

    it('collects outside outputs a lost write left behind, and keeps those a stored execution references (recovery table row 15)', async () => {
      const dbName = uniqueDatabaseName('outputs-gc');
      const stores = await createMongoStores(mongo.uri, { dbName, facts: fixtureFacts, inlineOutputBytes: 1024 });
      const outputs = mongo.client.db(dbName).collection(COLLECTIONS.outputs);
      try {
        const small = await runFixture(CHAIN, { id: 'gc-1' });
        const inserted = await stores.executions.insert(recordOf(small.execution));
        // A write that loses a race (a stale revision) after writing its large outputs.
        const large = await runFixture(largeOutputs(4096), { id: 'gc-1' });
        await expect(stores.executions.update(recordOf(large.execution), inserted.revision + 7)).rejects.toBeInstanceOf(StoreConflict);
        const left = await outputs.find({ execution_id: 'gc-1' }).toArray();
        expect(left.length).toBeGreaterThan(0);
        expect(left.every((row) => row.committed === false)).toBe(true);
        // Another execution's outputs, written by a write that succeeded, one of them not marked (its writer stopped).
        const kept = await runFixture(largeOutputs(4096), { id: 'gc-2' });
        await stores.executions.insert(recordOf(kept.execution));
        const [unmarked] = await outputs.find({ execution_id: 'gc-2' }).toArray();
        await outputs.updateOne({ _id: unmarked!._id }, { $set: { committed: false } });

        expect(await stores.executions.collectGarbage(T0 - 1, 100)).toBe(0);
        expect(await stores.executions.collectGarbage(Date.now() + 1, 100)).toBe(left.length);
        expect(await outputs.countDocuments({ execution_id: 'gc-1' })).toBe(0);
        expect(await outputs.countDocuments({ execution_id: 'gc-2', committed: true })).toBe(await outputs.countDocuments({ execution_id: 'gc-2' }));
        expect((await stores.executions.get('gc-2'))!.execution.runs.get('big')?.[0]?.output).toEqual(kept.execution.runs.get('big')?.[0]?.output);
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
    const error = await createMongoStores('mongodb://127.0.0.1:1/', { dbName: 'unreachable', facts: fixtureFacts, serverSelectionTimeoutMS: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/unavailable/i);
  });
});
