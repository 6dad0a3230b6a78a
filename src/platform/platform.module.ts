import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { PerformanceRecorder } from '../observability/performance-recorder';
import { MemoryQueryCache } from './cache/memory-query-cache';
import { QueryCache } from './cache/query-cache';
import { RedisQueryCache } from './cache/redis-query-cache';
import { TenantCache } from './cache/tenant-cache';
import { EventBus } from './events/event-bus';
import { MongoConnection } from './metadata/mongo-connection';
import { SqliteDatabase } from './metadata/sqlite-database';
import { BullMqJobQueue } from './queue/bullmq-job-queue';
import { InProcessJobQueue } from './queue/in-process-job-queue';
import { JobQueue } from './queue/job-queue';
import { RedisConnection } from './redis/redis-connection';

/**
 * Shared infrastructure: the metadata databases (SQLite, and MongoDB when LOGNEST_MONGODB_URL
 * is set), the event bus, the query cache, timings, the Prometheus registry, and the Redis
 * connection (a client only when LOGNEST_REDIS_URL is set).
 */
@Global()
@Module({
  providers: [
    EventBus,
    PerformanceRecorder,
    MetricsRegistry,
    {
      provide: SqliteDatabase,
      inject: [AppConfig, PerformanceRecorder],
      useFactory: (config: AppConfig, recorder: PerformanceRecorder) =>
        new SqliteDatabase(path.join(config.dataDir, 'metadata.sqlite'), (label, ms) => recorder.record('metadata_store', `sqlite:${label}`, ms)),
    },
    { provide: MongoConnection, inject: [AppConfig], useFactory: (config: AppConfig) => MongoConnection.open(config.mongodbUrl) },
    { provide: RedisConnection, inject: [AppConfig], useFactory: (config: AppConfig) => RedisConnection.open(config.redisUrl) },
    {
      provide: JobQueue,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.redisUrl ? new BullMqJobQueue({ url: config.redisUrl, lockMs: config.jobLockSeconds * 1000 }) : new InProcessJobQueue(),
    },
    {
      provide: QueryCache,
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => (config.redisUrl ? new RedisQueryCache(redis.client) : new MemoryQueryCache()),
    },
    {
      provide: TenantCache,
      inject: [QueryCache, MetricsRegistry],
      useFactory: (cache: QueryCache, metrics: MetricsRegistry) => {
        // Seed 002's names; the label is the cached kind (`logs:search`, `metrics:overview`).
        const hits = metrics.counter('cache_hits_total', 'Query cache hits', ['cache_key_prefix']);
        const misses = metrics.counter('cache_misses_total', 'Query cache misses', ['cache_key_prefix']);
        return new TenantCache(cache, (name, hit) => (hit ? hits : misses).inc({ cache_key_prefix: name }));
      },
    },
  ],
  exports: [EventBus, SqliteDatabase, MongoConnection, PerformanceRecorder, MetricsRegistry, QueryCache, RedisConnection, JobQueue, TenantCache],
})
export class PlatformModule {}
