import { describeSettingsStoreContract } from '../../src/admin/settings-store.contract';
import { MongoSettingsStore } from '../../src/admin/mongo-settings-store';
import { describeDashboardStoreContract } from '../../src/dashboards/dashboard-store.contract';
import { MongoDashboardStore } from '../../src/dashboards/mongo-dashboard-store';
import { describeAuthStoresContract } from '../../src/auth/auth-stores.contract';
import { MongoTenantStore, MongoTokenStore, MongoUserStore } from '../../src/auth/mongo-auth-stores';
import { describeFileStoreContract } from '../../src/files/file-store.contract';
import { MongoFileStore } from '../../src/files/mongo-file-store';
import { MongoSavedSearchStore } from '../../src/saved-searches/mongo-saved-search-store';
import { MongoSearchHistoryStore } from '../../src/saved-searches/mongo-search-history-store';
import { describeSavedSearchStoreContract } from '../../src/saved-searches/saved-search-store.contract';
import { describeSearchHistoryStoreContract } from '../../src/saved-searches/search-history-store.contract';
import { MongoPatternStore } from '../../src/patterns/mongo-pattern-store';
import { describePatternStoreContract } from '../../src/patterns/pattern-store.contract';
import { testMongo } from './support/test-mongo';
import { MongoParseRuleStore } from '../../src/parse-rules/mongo-parse-rule-store';
import { describeParseRuleStoreContract } from '../../src/parse-rules/parse-rule-store.contract';

// The contract suites every SQLite adapter passes, run against the MongoDB adapters on a
// real MongoDB-protocol server (FerretDB 1.24 on SQLite in CI).
const mongo = testMongo('metadata');
afterAll(() => mongo.closeAll());

describeAuthStoresContract('MongoDB', async () => {
  const connection = await mongo.open();
  return {
    tenants: await MongoTenantStore.create(connection),
    users: await MongoUserStore.create(connection),
    tokens: await MongoTokenStore.create(connection),
    close: async () => undefined,
  };
});

describeFileStoreContract('MongoDB', async () => ({ store: await MongoFileStore.create(await mongo.open()), close: async () => undefined }));
describeSavedSearchStoreContract('MongoDB', async () => MongoSavedSearchStore.create(await mongo.open()));
describeSearchHistoryStoreContract('MongoDB', async () => MongoSearchHistoryStore.create(await mongo.open()));
describeSettingsStoreContract('MongoDB', async () => MongoSettingsStore.create(await mongo.open()));
describeDashboardStoreContract('MongoDB', async () => MongoDashboardStore.create(await mongo.open()));
describePatternStoreContract('MongoDB', async () => MongoPatternStore.create(await mongo.open()));
describeParseRuleStoreContract('MongoDB', async () => MongoParseRuleStore.create(await mongo.open()));
