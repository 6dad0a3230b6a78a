import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RedisConnection } from '../redis/redis-connection';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { RateLimiter } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';

/** Rate-limit counters: in Redis when LOGNEST_REDIS_URL is set (shared by every process), else in memory. */
@Module({
  providers: [
    {
      provide: RateLimiter,
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => (config.redisUrl ? new RedisRateLimiter(redis.client) : new MemoryRateLimiter()),
    },
  ],
  exports: [RateLimiter],
})
export class RateLimitModule {}
