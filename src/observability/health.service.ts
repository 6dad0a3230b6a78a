import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { RedisConnection } from '../platform/redis/redis-connection';

/** Whether each backing component answers. */
@Injectable()
export class HealthService {
  constructor(
    private readonly logs: LogReadStore,
    private readonly sqlite: SqliteDatabase,
    private readonly mongo: MongoConnection,
    private readonly redis: RedisConnection,
  ) {}

  /** Every configured component; `redis` only when LOGNEST_REDIS_URL is set. */
  async components(): Promise<Record<string, boolean>> {
    const [logStore, mongo, redis] = await Promise.all([this.logs.healthy(), this.mongo.healthy(), this.redis.healthy()]);
    return { log_store: logStore, metadata_store: mongo ?? this.sqlite.healthy(), ...(redis === null ? {} : { redis }) };
  }
}
