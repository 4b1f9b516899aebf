// Smoke test of the MongoDB test server through the official driver: the operations the execution store
// relies on (insert, find, revision-guarded updates, unique indexes) behave as on MongoDB.
import { MongoServerError, type Collection } from 'mongodb';
import { beforeAll, expect, it } from 'vitest';
import { describeMongo } from '../../support/mongo.js';

/** A document with an optimistic-concurrency revision, like a stored execution. */
interface RevisionedDoc {
  _id: string;
  status: string;
  revision: number;
}

describeMongo('MongoDB smoke test', (mongo) => {
  let docs: Collection<RevisionedDoc>;

  beforeAll(async () => {
    const admin = mongo.client.db('admin');
    const build = await admin.command({ buildInfo: 1 });
    const ferret = typeof build.ferretdbVersion === 'string' ? `FerretDB ${build.ferretdbVersion}` : 'MongoDB';
    console.log(`[mongo smoke] server: ${ferret} (reports MongoDB ${String(build.version)}), db ${mongo.db.databaseName}`);
    docs = mongo.db.collection<RevisionedDoc>('executions');
  });

  it('inserts and finds documents', async () => {
    await docs.insertMany([
      { _id: 'a', status: 'running', revision: 1 },
      { _id: 'b', status: 'waiting', revision: 1 },
    ]);
    const found = await docs.find({ status: 'running' }).toArray();
    expect(found).toEqual([{ _id: 'a', status: 'running', revision: 1 }]);
    expect(await docs.countDocuments()).toBe(2);
  });

  it('lets exactly one of two updates guarded by the same revision win', async () => {
    await docs.insertOne({ _id: 'race', status: 'running', revision: 7 });
    const first = await docs.updateOne({ _id: 'race', revision: 7 }, { $set: { status: 'success' }, $inc: { revision: 1 } });
    const second = await docs.updateOne({ _id: 'race', revision: 7 }, { $set: { status: 'error' }, $inc: { revision: 1 } });
    expect(first.matchedCount).toBe(1);
    expect(first.modifiedCount).toBe(1);
    expect(second.matchedCount).toBe(0);
    expect(await docs.findOne({ _id: 'race' })).toEqual({ _id: 'race', status: 'success', revision: 8 });
  });

  it('findOneAndUpdate applies only on the expected revision and returns the new document', async () => {
    await docs.insertOne({ _id: 'fau', status: 'waiting', revision: 3 });
    const updated = await docs.findOneAndUpdate(
      { _id: 'fau', revision: 3 },
      { $set: { status: 'running' }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    );
    expect(updated).toEqual({ _id: 'fau', status: 'running', revision: 4 });
    const stale = await docs.findOneAndUpdate({ _id: 'fau', revision: 3 }, { $set: { status: 'error' } });
    expect(stale).toBeNull();
  });

  it('rejects a duplicate key on a unique index with code 11000', async () => {
    const unique = mongo.db.collection<{ _id: string; revision: number }>('unique_revisions');
    await unique.createIndex({ revision: 1 }, { unique: true, name: 'revision_unique' });
    await unique.insertOne({ _id: 'x', revision: 1 });
    const duplicate = await unique.insertOne({ _id: 'y', revision: 1 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect((duplicate as MongoServerError).code).toBe(11000);
    const indexes = await unique.indexes();
    expect(indexes.find((i) => i.name === 'revision_unique')?.unique).toBe(true);
  });
});
