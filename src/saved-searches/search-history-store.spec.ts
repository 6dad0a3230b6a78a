import { sqliteWithContractOwners } from './contract-owners.contract';
import { FakeSearchHistoryStore } from './fake-search-history-store';
import { describeSearchHistoryStoreContract } from './search-history-store.contract';
import { SqliteSearchHistoryStore } from './sqlite-search-history-store';

describeSearchHistoryStoreContract('memory', async () => new FakeSearchHistoryStore());
describeSearchHistoryStoreContract('sqlite', async () => new SqliteSearchHistoryStore(sqliteWithContractOwners()));
