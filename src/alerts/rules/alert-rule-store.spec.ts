import { SqliteDatabase } from '../../platform/metadata/sqlite-database';
import { describeAlertRuleStoreContract } from './alert-rule-store.contract';
import { FakeAlertRuleStore } from './fake-alert-rule-store';
import { SqliteAlertRuleStore } from './sqlite-alert-rule-store';

describeAlertRuleStoreContract('memory', async () => new FakeAlertRuleStore());
describeAlertRuleStoreContract('sqlite', async () => new SqliteAlertRuleStore(new SqliteDatabase(':memory:')));
