import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { FakePatternStore } from './fake-pattern-store';
import { describePatternStoreContract } from './pattern-store.contract';
import { SqlitePatternStore } from './sqlite-pattern-store';

describePatternStoreContract('memory', async () => new FakePatternStore());
describePatternStoreContract('sqlite', async () => new SqlitePatternStore(new SqliteDatabase(':memory:')));
