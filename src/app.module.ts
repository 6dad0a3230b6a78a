import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AnomaliesModule } from './anomalies/anomalies.module';
import { PatternsModule } from './patterns/patterns.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { DashboardModule } from './dashboard/dashboard.module';
import { DashboardsModule } from './dashboards/dashboards.module';
import { ExportModule } from './export/export.module';
import { FilesModule } from './files/files.module';
import { ParseRulesModule } from './parse-rules/parse-rules.module';
import { IngestModule } from './ingest/ingest.module';
import { InputsModule } from './ingest/inputs/inputs.module';
import { LifecycleService } from './lifecycle.service';
import { LiveModule } from './live/live.module';
import { LogsModule } from './logs/logs.module';
import { ObservabilityModule } from './observability/observability.module';
import { Clock, SystemClock } from './platform/clock';
import { PlatformModule } from './platform/platform.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RetentionModule } from './retention/retention.module';
import { TenantsModule } from './tenants/tenants.module';
import { SavedSearchesModule } from './saved-searches/saved-searches.module';
import { SearchModule } from './search/search.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** `clock`: the time alert evaluation reads (tests inject a ManualClock). */
  static forConfig(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      // LiveModule before SearchModule: GET /api/logs/tail must be routed before /api/logs/:id.
      imports: [PlatformModule, LogsModule, AuthModule, IngestModule, InputsModule, FilesModule, ParseRulesModule, LiveModule, SearchModule, DashboardModule, DashboardsModule, ObservabilityModule, WebModule, ExportModule, SavedSearchesModule, AnomaliesModule, PatternsModule, RateLimitsModule, RetentionModule, TenantsModule, AlertsModule],
      providers: [{ provide: AppConfig, useValue: config }, { provide: Clock, useValue: options.clock ?? new SystemClock() }, LifecycleService],
      exports: [AppConfig, Clock],
    };
  }
}
