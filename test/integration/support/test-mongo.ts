import { randomUUID } from 'node:crypto';
import { MongoConnection } from '../../../src/platform/metadata/mongo-connection';

/** The MongoDB-protocol server the integration suite runs against (.ci/services.sh starts FerretDB on 27027). */
export const TEST_MONGODB_URL = process.env.LOGNEST_TEST_MONGODB_URL ?? 'mongodb://127.0.0.1:27027/';

/**
 * Fresh databases for one spec file: each `open()` connects to a database of its own, so
 * contract cases with fixed ids never see each other; `closeAll` drops them all.
 */
export function testMongo(name: string) {
  const run = `lognest_test_${name}_${randomUUID().slice(0, 8)}`;
  const opened: MongoConnection[] = [];
  let n = 0;
  return {
    databaseName: () => `${run}_${n}`,
    async open(): Promise<MongoConnection> {
      const mongo = await MongoConnection.open(TEST_MONGODB_URL, `${run}_${n++}`);
      opened.push(mongo);
      return mongo;
    },
    /** Another connection to the database `open()` made last: what a second Lognest process would hold. */
    async reopen(): Promise<MongoConnection> {
      const mongo = await MongoConnection.open(TEST_MONGODB_URL, `${run}_${n - 1}`);
      opened.push(mongo);
      return mongo;
    },
    async closeAll(): Promise<void> {
      for (const mongo of opened.splice(0)) {
        await mongo.dropDatabase().catch(() => undefined);
        await mongo.onApplicationShutdown();
      }
    },
  };
}
