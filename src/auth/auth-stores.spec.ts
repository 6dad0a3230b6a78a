import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { describeAuthStoresContract } from './auth-stores.contract';
import { MemoryTenantStore, MemoryTokenStore, MemoryUserStore } from './memory-auth-stores';
import { SqliteTenantStore, SqliteTokenStore, SqliteUserStore } from './sqlite-auth-stores';

describeAuthStoresContract('SQLite', async () => {
  const sqlite = new SqliteDatabase(':memory:');
  return {
    tenants: new SqliteTenantStore(sqlite),
    users: new SqliteUserStore(sqlite),
    tokens: new SqliteTokenStore(sqlite),
    close: async () => sqlite.close(),
  };
});

describeAuthStoresContract('memory', async () => ({
  tenants: new MemoryTenantStore(),
  users: new MemoryUserStore(),
  tokens: new MemoryTokenStore(),
  close: async () => undefined,
}));
