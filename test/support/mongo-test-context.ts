import { MongoClient, type Db } from 'mongodb';

/** A connected client and a database of the suite's own, usable inside its tests and hooks. */
export interface MongoTestContext {
  /** The server's URI. */
  readonly uri: string;
  /** The suite's client; connected before its first test. */
  readonly client: MongoClient;
  /** The suite's own database, dropped after its last test. */
  readonly db: Db;
}

/** Opens a client and a fresh database for one suite, and drops the database when closed. */
export class SuiteMongo implements MongoTestContext {
  private connected: MongoClient | undefined;

  /** Prepares (without connecting) a context for the database named databaseName at uri. */
  constructor(
    readonly uri: string,
    readonly databaseName: string,
  ) {}

  /** The client; throws outside the suite's tests and hooks. */
  get client(): MongoClient {
    if (!this.connected) throw new Error('MongoDB is only available inside the tests and hooks of describeMongo');
    return this.connected;
  }

  /** The suite's database; throws outside the suite's tests and hooks. */
  get db(): Db {
    return this.client.db(this.databaseName);
  }

  /** Connects (short server selection timeout, so a dead server fails fast). */
  async open(): Promise<void> {
    const client = new MongoClient(this.uri, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    this.connected = client;
  }

  /** Drops the database and closes the client. */
  async close(): Promise<void> {
    const client = this.connected;
    if (!client) return;
    this.connected = undefined;
    try {
      await client.db(this.databaseName).dropDatabase();
    } finally {
      await client.close();
    }
  }
}
