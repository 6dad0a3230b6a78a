import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { MetricsController } from './metrics/metrics.controller';
import { StoreMetrics } from './metrics/store-metrics';
import { CacheAdminController } from './cache-admin.controller';
import { PerformanceController } from './performance.controller';
import { TraceController } from './request-context/trace.controller';

@Global()
@Module({
  controllers: [HealthController, PerformanceController, CacheAdminController, MetricsController, TraceController],
  providers: [HealthService, StoreMetrics],
  exports: [HealthService],
})
export class ObservabilityModule {}
