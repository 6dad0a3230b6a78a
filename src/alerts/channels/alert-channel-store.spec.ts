import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { describeAlertChannelStoreContract } from './alert-channel-store.contract';
import { FakeAlertChannelStore } from './fake-alert-channel-store';
import { SqliteAlertChannelStore } from './sqlite-alert-channel-store';

describeAlertChannelStoreContract('memory', async () => new FakeAlertChannelStore());
describeAlertChannelStoreContract('sqlite', async () => new SqliteAlertChannelStore(new SqliteDatabase(':memory:')));
