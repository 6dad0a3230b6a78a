import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeLogStoreContract } from '../log-store.contract';
import { DuckDbDatabase } from './duckdb-database';
import { DuckDbLogReadStore } from './duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb-log-write-store';

describeLogStoreContract('DuckDB', async () => {
  const duck = await DuckDbDatabase.open(':memory:');
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-duckdb-spool-'));
  return {
    write: new DuckDbLogWriteStore(duck, spoolDir),
    read: new DuckDbLogReadStore(duck),
    spoolDir,
    close: async () => {
      duck.close();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    },
  };
});
