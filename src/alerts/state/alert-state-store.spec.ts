import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { describeAlertStateStoreContract } from './alert-state-store.contract';
import { FakeAlertStateStore } from './fake-alert-state-store';
import { SqliteAlertStateStore } from './sqlite-alert-state-store';

describeAlertStateStoreContract('memory', async () => new FakeAlertStateStore());
describeAlertStateStoreContract('sqlite', async () => new SqliteAlertStateStore(new SqliteDatabase(':memory:')));
