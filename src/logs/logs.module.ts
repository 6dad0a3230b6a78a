import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { PerformanceRecorder, timed } from '../observability/performance-recorder';
import { QueryCache } from '../platform/cache/query-cache';
import { EventBus } from '../platform/events/event-bus';
import { CachedLogReadStore } from './cached-log-read-store';
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
      useFactory: (config: AppConfig) => 
        DuckDbDatabase.open(path.join(config.dataDir, 'logs.duckdb'), { memoryLimit: config.duckdbMemoryLimit }),
    },
    {
      provide: LogWriteStore,
      inject: [AppConfig, DuckDbDatabase, PerformanceRecorder],
      useFactory: (config: AppConfig, duck: DuckDbDatabase, recorder: PerformanceRecorder) =>
        timed(new DuckDbLogWriteStore(duck, path.join(config.dataDir, 'spool')), recorder, 'log_store', 'duckdb'),
    },
    {
      provide: LogReadStore,
      inject: [AppConfig, DuckDbDatabase, PerformanceRecorder, QueryCache, EventBus],
      useFactory: (config: AppConfig, duck: DuckDbDatabase, recorder: PerformanceRecorder, cache: QueryCache, events: EventBus) =>
        new CachedLogReadStore(timed(new DuckDbLogReadStore(duck), recorder, 'log_store', 'duckdb'), cache, config.cacheTtlSeconds, events),
    },
  ],
  exports: [LogWriteStore, LogReadStore, DuckDbDatabase],
})
export class LogsModule {}
