import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { PerformanceRecorder } from '../observability/performance-recorder';
import { MemoryQueryCache } from './cache/memory-query-cache';
import { QueryCache } from './cache/query-cache';
import { EventBus } from './events/event-bus';
import { SqliteDatabase } from './metadata/sqlite-database';

/** Shared infrastructure: the metadata database, the event bus, the query cache, timings. */
@Global()
@Module({
  providers: [
    EventBus,
    PerformanceRecorder,
    {
      provide: SqliteDatabase,
      inject: [AppConfig, PerformanceRecorder],
      useFactory: (config: AppConfig, recorder: PerformanceRecorder) =>
        new SqliteDatabase(path.join(config.dataDir, 'metadata.sqlite'), (label, ms) => recorder.record('metadata_store', `sqlite:${label}`, ms)),
    },
    { provide: QueryCache, useFactory: () => new MemoryQueryCache() },
  ],
  exports: [EventBus, SqliteDatabase, PerformanceRecorder, QueryCache],
})
export class PlatformModule {}
