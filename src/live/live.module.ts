import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { IngestModule } from '../ingest/ingest.module';
import { RedisConnection } from '../platform/redis/redis-connection';
import { InProcessLiveFanout } from './in-process-live-fanout';
import { LiveFanout } from './live-fanout';
import { LiveNotifier } from './live-notifier';
import { LiveTailController } from './live-tail.controller';
import { LiveTailService } from './live-tail.service';
import { LiveTailer } from './live-tailer';
import { LiveGateway } from './live.gateway';
import { RedisLiveFanout } from './redis-live-fanout';

/**
 * Live monitoring: the tail of committed records and live metrics over socket.io (`/live`)
 * and SSE (`GET /api/logs/tail`), across processes through Redis when LOGNEST_REDIS_URL is
 * set. Other modules push browser notifications with LiveNotifier.
 */
@Module({
  imports: [IngestModule],
  controllers: [LiveTailController],
  providers: [
    {
      provide: LiveFanout,
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => (config.redisUrl ? RedisLiveFanout.open(redis.client) : new InProcessLiveFanout()),
    },
    LiveTailer,
    LiveTailService,
    LiveGateway,
    LiveNotifier,
  ],
  exports: [LiveNotifier, LiveTailer],
})
export class LiveModule {}
