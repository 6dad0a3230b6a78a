import { sqliteWithContractOwners } from './contract-owners.contract';
import { FakeSavedSearchStore } from './fake-saved-search-store';
import { describeSavedSearchStoreContract } from './saved-search-store.contract';
import { SqliteSavedSearchStore } from './sqlite-saved-search-store';

describeSavedSearchStoreContract('memory', async () => new FakeSavedSearchStore());
describeSavedSearchStoreContract('sqlite', async () => new SqliteSavedSearchStore(sqliteWithContractOwners()));
