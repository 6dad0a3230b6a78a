import { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MongoConnection } from './mongo-connection';
import { SqliteDatabase } from './sqlite-database';

type Port<T> = abstract new (...args: never[]) => T;

/** How to build one metadata port on each backend. */
export interface MetadataAdapters<T> {
  sqlite: (sqlite: SqliteDatabase) => T;
  mongo: (mongo: MongoConnection) => T | Promise<T>;
}

/**
 * The one place a metadata port's adapter is chosen: MongoDB when LOGNEST_MONGODB_URL is
 * set, the embedded SQLite file otherwise. Modules list `metadataStore(Port, {...})` instead
 * of binding an adapter class themselves, so no module can forget the MongoDB case.
 */
export function metadataStore<T>(port: Port<T>, adapters: MetadataAdapters<T>): FactoryProvider<T | Promise<T>> {
  return {
    provide: port,
    inject: [AppConfig, SqliteDatabase, MongoConnection],
    useFactory: (config: AppConfig, sqlite: SqliteDatabase, mongo: MongoConnection) =>
      config.mongodbUrl ? adapters.mongo(mongo) : adapters.sqlite(sqlite),
  };
}
