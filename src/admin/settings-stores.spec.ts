import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { MemorySettingsStore } from './memory-settings-store';
import { describeSettingsStoreContract } from './settings-store.contract';
import { SqliteSettingsStore } from './sqlite-settings-store';

describeSettingsStoreContract('memory', () => new MemorySettingsStore());
describeSettingsStoreContract('sqlite', () => new SqliteSettingsStore(new SqliteDatabase(':memory:')));
