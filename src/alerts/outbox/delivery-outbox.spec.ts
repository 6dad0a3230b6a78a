import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { describeDeliveryOutboxContract } from './delivery-outbox.contract';
import { FakeDeliveryOutbox } from './fake-delivery-outbox';
import { SqliteDeliveryOutbox } from './sqlite-delivery-outbox';

describeDeliveryOutboxContract('memory', async () => new FakeDeliveryOutbox());
describeDeliveryOutboxContract('sqlite', async () => new SqliteDeliveryOutbox(new SqliteDatabase(':memory:')));
