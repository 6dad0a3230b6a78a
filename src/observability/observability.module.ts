import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { PerformanceController } from './performance.controller';

@Global()
@Module({ controllers: [HealthController, PerformanceController], providers: [HealthService], exports: [HealthService] })
export class ObservabilityModule {}
