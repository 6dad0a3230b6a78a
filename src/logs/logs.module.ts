import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { DuckDbDatabase } from './duckdb/duckdb-database';
import { DuckDbLogReadStore } from './duckdb/duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb/duckdb-log-write-store';
import { LogReadStore } from './log-read-store';
import { LogWriteStore } from './log-write-store';

/** Log storage: the write and read ports, bound to the adapter the configuration picks. */
@Global()
@Module({
  providers: [
    {
      provide: DuckDbDatabase,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => DuckDbDatabase.open(path.join(config.dataDir, 'logs.duckdb')),
    },
    {
      provide: LogWriteStore,
      inject: [AppConfig, DuckDbDatabase],
      useFactory: (config: AppConfig, duck: DuckDbDatabase) => new DuckDbLogWriteStore(duck, path.join(config.dataDir, 'spool')),
    },
    { provide: LogReadStore, inject: [DuckDbDatabase], useFactory: (duck: DuckDbDatabase) => new DuckDbLogReadStore(duck) },
  ],
  exports: [LogWriteStore, LogReadStore, DuckDbDatabase],
})
export class LogsModule {}
