import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { describeDashboardStoreContract } from './dashboard-store.contract';
import { FakeDashboardStore } from './fake-dashboard-store';
import { SqliteDashboardStore } from './sqlite-dashboard-store';

describeDashboardStoreContract('memory', async () => new FakeDashboardStore());
describeDashboardStoreContract('sqlite', async () => new SqliteDashboardStore(new SqliteDatabase(':memory:')));
