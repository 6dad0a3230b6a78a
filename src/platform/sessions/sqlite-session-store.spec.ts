import { SqliteDatabase } from '../metadata/sqlite-database';
import { describeSessionStoreContract } from './session-store.contract';
import { SqliteSessionStore } from './sqlite-session-store';

let db: SqliteDatabase;
describeSessionStoreContract(
  'sqlite',
  () => {
    db = new SqliteDatabase(':memory:');
    return new SqliteSessionStore(db);
  },
  () => db.close(),
);
