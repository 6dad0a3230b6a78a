import { Module } from '@nestjs/common';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { RateLimiter } from './rate-limiter';

/** Rate-limit counters: in memory on the embedded default; a Redis adapter plugs in here. */
@Module({
  providers: [{ provide: RateLimiter, useFactory: () => new MemoryRateLimiter() }],
  exports: [RateLimiter],
})
export class RateLimitModule {}
