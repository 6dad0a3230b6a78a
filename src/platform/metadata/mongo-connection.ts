import { Logger, OnApplicationShutdown } from '@nestjs/common';
import mongoose, { Connection, Model, Schema } from 'mongoose';

/** A start with an unreachable MongoDB fails after this long instead of waiting forever. */
const SERVER_SELECTION_TIMEOUT_MS = 5_000;

/**
 * The one mongoose connection of the process, shared by every MongoDB metadata adapter.
 * Opened at start so a wrong LOGNEST_MONGODB_URL stops the start with a message; without a
 * URL it holds no connection and nothing touches MongoDB. Models are registered once per
 * name, so several adapters (and tests) may ask for the same collection.
 */
export class MongoConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('MongoDB');

  private constructor(private readonly connection: Connection | null) {}

  static async open(url: string | null, dbName?: string): Promise<MongoConnection> {
    if (!url) return new MongoConnection(null);
    const connection = mongoose.createConnection(url, {
      serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
      // Indexes are built by `ensureIndexes` when a model is first asked for, not lazily by
      // mongoose in the background: a failed unique index must fail the start.
      autoIndex: false,
      autoCreate: false,
      dbName: dbName ?? databaseIn(url) ?? DEFAULT_DATABASE,
    });
    try {
      await connection.asPromise();
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw new Error(`LOGNEST_MONGODB_URL: cannot reach MongoDB at ${redactUrl(url)}: ${(err as Error).message}`);
    }
    const mongo = new MongoConnection(connection);
    connection.on('error', (err: Error) => mongo.logger.warn(`MongoDB connection: ${err.message}`));
    return mongo;
  }

  get configured(): boolean {
    return this.connection !== null;
  }

  /** The model of one collection; its indexes exist once the returned promise resolves. */
  async model<T>(name: string, schema: Schema<T>): Promise<Model<T>> {
    const connection = this.require();
    const existing = connection.models[name] as Model<T> | undefined;
    if (existing) return existing;
    const model = connection.model<T>(name, schema, name);
    await model.createCollection().catch((err: { codeName?: string }) => {
      if (err.codeName !== 'NamespaceExists') throw err;
    });
    await model.createIndexes();
    return model;
  }

  /** null without MongoDB; otherwise whether it answers a ping now. */
  async healthy(): Promise<boolean | null> {
    if (!this.connection) return null;
    try {
      await this.connection.db!.admin().ping();
      return true;
    } catch {
      return false;
    }
  }

  async collectionNames(): Promise<string[]> {
    return (await this.require().db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  }

  /** The driver's collection, for operations across collections (a tenant's purge). */
  collection(name: string): ReturnType<Connection['collection']> {
    return this.require().collection(name);
  }

  /** Drops the whole database: for tests only. */
  async dropDatabase(): Promise<void> {
    await this.require().dropDatabase();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }

  private require(): Connection {
    if (!this.connection) throw new Error('MongoDB is not configured (LOGNEST_MONGODB_URL is unset)');
    return this.connection;
  }
}

/** The database a URL without one gets (the driver's own default would be `test`). */
const DEFAULT_DATABASE = 'lognest';

function databaseIn(url: string): string | null {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?#]+\/([^?#]+)/.exec(url)?.[1];
  return name ? decodeURIComponent(name) : null;
}

/** The URL with its password masked; several hosts are not WHATWG-parseable, so by pattern. */
function redactUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}
