import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';
import { RedisConnection } from '../platform/redis/redis-connection';

/** Whether each backing component answers. */
@Injectable()
export class HealthService {
  constructor(
    private readonly logs: LogReadStore,
    private readonly metadata: SqliteDatabase,
    private readonly redis: RedisConnection,
  ) {}

  /** Every configured component; `redis` only when LOGNEST_REDIS_URL is set. */
  async components(): Promise<Record<string, boolean>> {
    const [logStore, redis] = await Promise.all([this.logs.healthy(), this.redis.healthy()]);
    return { log_store: logStore, metadata_store: this.metadata.healthy(), ...(redis === null ? {} : { redis }) };
  }
}
