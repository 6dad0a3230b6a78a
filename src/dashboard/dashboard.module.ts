import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { ServiceMetricsController } from './service-metrics.controller';
import { DashboardService } from './dashboard.service';

@Module({ controllers: [DashboardController, ServiceMetricsController], providers: [DashboardService], exports: [DashboardService] })
export class DashboardModule {}
