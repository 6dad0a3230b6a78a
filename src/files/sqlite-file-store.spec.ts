import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { describeFileStoreContract, FILE_STORE_CONTRACT_TENANTS } from './file-store.contract';
import { SqliteFileStore } from './sqlite-file-store';

describeFileStoreContract('SQLite', async () => {
  const sqlite = new SqliteDatabase(':memory:');
  // files.tenant_id references tenants.
  for (const tenant of FILE_STORE_CONTRACT_TENANTS) {
    sqlite.db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, 0)').run(tenant, tenant);
  }
  return { store: new SqliteFileStore(sqlite), close: async () => sqlite.close() };
});
