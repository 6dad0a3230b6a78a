import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SqliteDatabase } from '../metadata/sqlite-database';
import { NodeRedisConnection } from '../redis/node-redis-connection';
import { ConnectRedisSessionStore } from './connect-redis-session-store';
import { SessionCleanup } from './session-cleanup';
import { SessionStore } from './session-store';
import { SqliteSessionStore } from './sqlite-session-store';

/**
 * Browser-session storage: Redis through connect-redis when LOGNEST_REDIS_URL is set (shared
 * by every process; connect-redis needs a node-redis client of its own), else the embedded
 * SQLite table. Both pass session-store.contract.ts.
 */
@Module({
  providers: [
    { provide: NodeRedisConnection, inject: [AppConfig], useFactory: (config: AppConfig) => NodeRedisConnection.open(config.redisUrl) },
    {
      provide: SessionStore,
      inject: [AppConfig, NodeRedisConnection, SqliteDatabase],
      useFactory: (config: AppConfig, redis: NodeRedisConnection, sqlite: SqliteDatabase) =>
        config.redisUrl ? new ConnectRedisSessionStore(redis.client) : new SqliteSessionStore(sqlite),
    },
    SessionCleanup,
  ],
  exports: [SessionStore],
})
export class SessionsModule {}
