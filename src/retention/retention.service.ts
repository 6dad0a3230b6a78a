import { Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SettingsStore } from '../admin/settings-store';
import { Tenant } from '../auth/auth-types';
import { TenantStore } from '../auth/tenant-store';
import { LogWriteStore, TenantUsage } from '../logs/log-write-store';
import { EventBus } from '../platform/events/event-bus';

const DAY_MS = 86_400_000;
/** Retention runs this often on its own (and on demand from the admin API). */
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export interface TenantRetention {
  tenant: Tenant;
  retentionDays: number | null;
  usage: TenantUsage;
}

/**
 * Per-tenant retention: records older than the tenant's `retention_days` are deleted from the
 * log store (which frees their space), hourly and on demand. Unset keeps everything. The
 * period is an installation setting (`retention_days:<tenant>` in the settings store).
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Record<string, number>> | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly tenants: TenantStore,
    private readonly logs: LogWriteStore,
    private readonly events: EventBus,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run().catch((err) => this.logger.error(`Retention failed: ${err?.message ?? err}`)), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async retentionDays(tenantId: string): Promise<number | null> {
    const raw = await this.settings.get(key(tenantId));
    return raw === null || raw === '' ? null : Number(raw);
  }

  async setRetentionDays(tenantId: string, days: number | null): Promise<void> {
    if (!(await this.tenants.get(tenantId))) throw new NotFoundException({ success: false, error: 'not_found', message: `No tenant ${tenantId}` });
    await this.settings.set(key(tenantId), days === null ? '' : String(days));
  }

  /** A deleted tenant's setting goes with it. */
  forget(tenantId: string): Promise<void> {
    return this.settings.delete(key(tenantId));
  }

  async overview(): Promise<TenantRetention[]> {
    const tenants = await this.tenants.list();
    return Promise.all(tenants.map(async (tenant) => ({ tenant, retentionDays: await this.retentionDays(tenant.id), usage: await this.logs.usage(tenant.id) })));
  }

  /** Applies every tenant's retention once; returns records deleted per tenant. Runs never overlap. */
  run(now = Date.now()): Promise<Record<string, number>> {
    this.running ??= this.applyAll(now).finally(() => (this.running = null));
    return this.running;
  }

  private async applyAll(now: number): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const tenant of await this.tenants.list()) {
      const days = await this.retentionDays(tenant.id);
      if (days === null) continue;
      const count = await this.logs.deleteOlderThan(tenant.id, now - days * DAY_MS);
      deleted[tenant.id] = count;
      if (count > 0) {
        this.events.publish({ type: 'logs.deleted', tenantId: tenant.id, count });
        this.logger.log(`Retention removed ${count} records of tenant ${tenant.name} older than ${days} days`);
      }
    }
    return deleted;
  }
}

const key = (tenantId: string) => `retention_days:${tenantId}`;
