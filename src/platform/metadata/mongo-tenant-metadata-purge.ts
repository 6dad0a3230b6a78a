import { MongoConnection } from './mongo-connection';
import { TenantMetadataPurge } from './tenant-metadata-purge';

/** Every collection's documents of the tenant (field `tenantId`), then the tenant (`_id`). */
export class MongoTenantMetadataPurge extends TenantMetadataPurge {
  constructor(private readonly mongo: MongoConnection) {
    super();
  }

  async purge(tenantId: string): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const name of (await this.mongo.collectionNames()).filter((n) => n !== 'tenants').sort()) {
      deleted[name] = (await this.mongo.collection(name).deleteMany({ tenantId })).deletedCount;
    }
    deleted.tenants = (await this.mongo.collection('tenants').deleteMany({ _id: tenantId as never })).deletedCount;
    return deleted;
  }
}
