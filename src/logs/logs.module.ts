import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { PerformanceRecorder, timed } from '../observability/performance-recorder';
import { TenantCache } from '../platform/cache/tenant-cache';
import { EventBus } from '../platform/events/event-bus';
import { CachedLogReadStore } from './cached-log-read-store';
import { DuckDbDatabase } from './duckdb/duckdb-database';
import { DuckDbLogReadStore } from './duckdb/duckdb-log-read-store';
import { DuckDbLogWriteStore } from './duckdb/duckdb-log-write-store';
import { ElasticsearchLogIndex } from './elasticsearch/elasticsearch-client';
import { ElasticsearchLogReadStore } from './elasticsearch/elasticsearch-log-read-store';
import { ElasticsearchLogWriteStore } from './elasticsearch/elasticsearch-log-write-store';
import { LogReadStore } from './log-read-store';
import { LogWriteStore } from './log-write-store';

/**
 * Log storage: the write and read ports, bound to the adapter the configuration picks —
 * Elasticsearch when LOGNEST_ELASTICSEARCH_URL is set, else the embedded DuckDB file.
 */
@Global()
@Module({
  providers: [
    {
      provide: ElasticsearchLogIndex,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.elasticsearchUrl ? new ElasticsearchLogIndex({ url: config.elasticsearchUrl, index: config.elasticsearchIndex, refreshOnWrite: config.elasticsearchRefreshOnWrite }) : null),
    },
    {
      provide: DuckDbDatabase,
      inject: [AppConfig],
      // With Elasticsearch holding the logs, no DuckDB file is created (an empty in-memory one stands in).
      useFactory: (config: AppConfig) =>
        DuckDbDatabase.open(config.elasticsearchUrl ? ':memory:' : path.join(config.dataDir, 'logs.duckdb'), {
          memoryLimit: config.duckdbMemoryLimit,
          checkpointThreshold: config.duckdbCheckpointThreshold,
          readConcurrency: config.duckdbReadConcurrency,
          tokenIndex: config.duckdbTokenIndex,
        }),
    },
    {
      provide: LogWriteStore,
      inject: [AppConfig, DuckDbDatabase, PerformanceRecorder, ElasticsearchLogIndex],
      useFactory: (config: AppConfig, duck: DuckDbDatabase, recorder: PerformanceRecorder, es: ElasticsearchLogIndex | null) =>
        es
          ? timed(new ElasticsearchLogWriteStore(es), recorder, 'log_store', 'elasticsearch')
          : timed(new DuckDbLogWriteStore(duck, path.join(config.dataDir, 'spool')), recorder, 'log_store', 'duckdb'),
    },
    {
      provide: LogReadStore,
      inject: [AppConfig, DuckDbDatabase, PerformanceRecorder, TenantCache, EventBus, ElasticsearchLogIndex],
      useFactory: (config: AppConfig, duck: DuckDbDatabase, recorder: PerformanceRecorder, cache: TenantCache, events: EventBus, es: ElasticsearchLogIndex | null) =>
        new CachedLogReadStore(
          es
            ? timed(new ElasticsearchLogReadStore(es), recorder, 'log_store', 'elasticsearch')
            : timed(new DuckDbLogReadStore(duck), recorder, 'log_store', 'duckdb'),
          cache,
          config.cacheTtlSeconds,
          events,
        ),
    },
  ],
  exports: [LogWriteStore, LogReadStore, DuckDbDatabase],
})
export class LogsModule {}
