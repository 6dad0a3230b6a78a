import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoTenantMetadataPurge } from '../platform/metadata/mongo-tenant-metadata-purge';
import { SqliteTenantMetadataPurge } from '../platform/metadata/sqlite-tenant-metadata-purge';
import { TenantMetadataPurge } from '../platform/metadata/tenant-metadata-purge';
import { RateLimitsModule } from '../rate-limits/rate-limits.module';
import { RetentionModule } from '../retention/retention.module';
import { TenantDeletion } from './tenant-deletion.service';
import { TenantsController } from './tenants.controller';

/** A tenant's end: DELETE /api/admin/tenants/:id and everything it removes. */
@Module({
  imports: [FilesModule, RetentionModule, RateLimitsModule],
  controllers: [TenantsController],
  providers: [
    metadataStore(TenantMetadataPurge, { sqlite: (db) => new SqliteTenantMetadataPurge(db), mongo: (mongo) => new MongoTenantMetadataPurge(mongo) }),
    TenantDeletion,
  ],
})
export class TenantsModule {}
