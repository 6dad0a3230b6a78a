import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SqliteDatabase } from '../metadata/sqlite-database';
import { RedisConnection } from '../redis/redis-connection';
import { RedisSessionStore } from './redis-session-store';
import { SessionCleanup } from './session-cleanup';
import { SessionStore } from './session-store';
import { SqliteSessionStore } from './sqlite-session-store';

/**
 * Browser-session storage: Redis when LOGNEST_REDIS_URL is set (shared by every process),
 * else the embedded SQLite table. Both pass session-store.contract.ts.
 */
@Module({
  providers: [
    {
      provide: SessionStore,
      inject: [AppConfig, RedisConnection, SqliteDatabase],
      useFactory: (config: AppConfig, redis: RedisConnection, sqlite: SqliteDatabase) =>
        config.redisUrl ? new RedisSessionStore(redis.client) : new SqliteSessionStore(sqlite),
    },
    SessionCleanup,
  ],
  exports: [SessionStore],
})
export class SessionsModule {}
