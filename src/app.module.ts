import { DynamicModule, Module } from '@nestjs/common';
import { AnomaliesModule } from './anomalies/anomalies.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { DashboardModule } from './dashboard/dashboard.module';
import { ExportModule } from './export/export.module';
import { FilesModule } from './files/files.module';
import { IngestModule } from './ingest/ingest.module';
import { InputsModule } from './ingest/inputs/inputs.module';
import { LifecycleService } from './lifecycle.service';
import { LogsModule } from './logs/logs.module';
import { ObservabilityModule } from './observability/observability.module';
import { PlatformModule } from './platform/platform.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RetentionModule } from './retention/retention.module';
import { SavedSearchesModule } from './saved-searches/saved-searches.module';
import { SearchModule } from './search/search.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [PlatformModule, LogsModule, AuthModule, IngestModule, InputsModule, FilesModule, SearchModule, DashboardModule, ObservabilityModule, WebModule, ExportModule, SavedSearchesModule, AnomaliesModule, RateLimitsModule, RetentionModule],
      providers: [{ provide: AppConfig, useValue: config }, LifecycleService],
      exports: [AppConfig],
    };
  }
}
