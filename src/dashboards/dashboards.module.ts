import { Module } from '@nestjs/common';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { DashboardStore } from './dashboard-store';
import { DashboardsPagesController } from './dashboards-pages.controller';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { MongoDashboardStore } from './mongo-dashboard-store';
import { SqliteDashboardStore } from './sqlite-dashboard-store';
import { WidgetDataService } from './widget-data.service';

/** Custom dashboards (seed 001): their store, API and pages. The built-in dashboard is src/dashboard. */
@Module({
  controllers: [DashboardsController, DashboardsPagesController],
  providers: [
    metadataStore(DashboardStore, { sqlite: (db) => new SqliteDashboardStore(db), mongo: MongoDashboardStore.create }),
    DashboardsService,
    WidgetDataService,
  ],
  exports: [DashboardsService, DashboardStore],
})
export class DashboardsModule {}
