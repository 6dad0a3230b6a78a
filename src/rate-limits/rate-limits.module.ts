import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitModule } from '../platform/rate-limit/rate-limit.module';
import { ApiRateLimitInterceptor } from './api-rate-limit.interceptor';
import { ApiRateLimits } from './api-rate-limits.service';
import { RateLimitsController } from './rate-limits.controller';

@Module({
  imports: [RateLimitModule],
  controllers: [RateLimitsController],
  providers: [ApiRateLimits, { provide: APP_INTERCEPTOR, useClass: ApiRateLimitInterceptor }],
  exports: [ApiRateLimits],
})
export class RateLimitsModule {}
