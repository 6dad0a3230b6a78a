import { sqliteWithContractOwners } from '../saved-searches/contract-owners.contract';
import { FakeParseRuleStore } from './fake-parse-rule-store';
import { describeParseRuleStoreContract } from './parse-rule-store.contract';
import { SqliteParseRuleStore } from './sqlite-parse-rule-store';

describeParseRuleStoreContract('memory', async () => new FakeParseRuleStore());
describeParseRuleStoreContract('sqlite', async () => new SqliteParseRuleStore(sqliteWithContractOwners()));
