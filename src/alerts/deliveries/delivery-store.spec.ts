import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { describeDeliveryStoreContract } from './delivery-store.contract';
import { FakeDeliveryStore } from './fake-delivery-store';
import { SqliteDeliveryStore } from './sqlite-delivery-store';

describeDeliveryStoreContract('memory', async () => new FakeDeliveryStore());
describeDeliveryStoreContract('sqlite', async () => new SqliteDeliveryStore(new SqliteDatabase(':memory:')));
