import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Principal } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { FilesService } from '../files/files.service';
import { LogWriteStore } from '../logs/log-write-store';
import { TenantCache } from '../platform/cache/tenant-cache';
import { EventBus } from '../platform/events/event-bus';
import { TenantMetadataPurge } from '../platform/metadata/tenant-metadata-purge';
import { ApiRateLimits } from '../rate-limits/api-rate-limits.service';
import { RetentionService } from '../retention/retention.service';

/**
 * Deleting a tenant deletes its data: its files (queued ingest cancelled, waiting uploads
 * removed from disk), its records in the log store, every metadata row of the tenant (users,
 * tokens, saved searches, history, alerting, ...), then the tenant; its retention setting,
 * cached answers and rate-limit counters go too. The tenant row goes last, so a deletion cut
 * short can be run again (docs/decisions/0069).
 */
@Injectable()
export class TenantDeletion {
  constructor(
    private readonly tenants: TenantStore,
    private readonly files: FilesService,
    private readonly logs: LogWriteStore,
    private readonly metadata: TenantMetadataPurge,
    private readonly retention: RetentionService,
    private readonly cache: TenantCache,
    private readonly rateLimits: ApiRateLimits,
    private readonly events: EventBus,
  ) {}

  async delete(actor: Principal, tenantId: string): Promise<Record<string, number>> {
    if (!(await this.tenants.get(tenantId))) throw new NotFoundException({ success: false, error: 'not_found', message: `No tenant ${tenantId}` });
    if (tenantId === actor.tenantId) {
      throw new ConflictException({ success: false, error: 'own_tenant', field: 'id', message: 'id: you cannot delete the tenant you are signed in to' });
    }
    const removed = await this.files.deleteAll(tenantId);
    let logs = removed.logs + (await this.logs.deleteTenant(tenantId));
    const rows = await this.metadata.purge(tenantId);
    // A commit in flight when the tokens went may have landed after the first pass.
    logs += await this.logs.deleteTenant(tenantId);
    await this.retention.forget(tenantId);
    await this.rateLimits.resetAll(tenantId);
    await this.cache.invalidate(tenantId);
    if (logs > 0) this.events.publish({ type: 'logs.deleted', tenantId, count: logs });
    return { ...rows, logs, files: removed.files };
  }
}
