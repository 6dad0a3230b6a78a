import { Dashboard } from './dashboard';
import { DashboardStore, SaveResult } from './dashboard-store';

/** In-memory DashboardStore for unit tests; hands out copies so callers cannot change it behind its back. */
export class FakeDashboardStore extends DashboardStore {
  private readonly dashboards = new Map<string, Dashboard>();

  private visible(tenantId: string, viewerId: string | null, d: Dashboard | undefined): d is Dashboard {
    return d !== undefined && d.tenantId === tenantId && (d.shared || d.ownerId === viewerId);
  }

  async create(dashboard: Dashboard): Promise<void> {
    if (this.dashboards.has(dashboard.id)) throw new Error(`duplicate dashboard id ${dashboard.id}`);
    this.dashboards.set(dashboard.id, structuredClone(dashboard));
  }

  async list(tenantId: string, viewerId: string | null): Promise<Dashboard[]> {
    return [...this.dashboards.values()]
      .filter((d) => this.visible(tenantId, viewerId, d))
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
      .map((d) => structuredClone(d));
  }

  async get(tenantId: string, viewerId: string | null, id: string): Promise<Dashboard | null> {
    const d = this.dashboards.get(id);
    return this.visible(tenantId, viewerId, d) ? structuredClone(d) : null;
  }

  async save(tenantId: string, next: Dashboard, expectedVersion: number): Promise<SaveResult> {
    const current = this.dashboards.get(next.id);
    if (!current || current.tenantId !== tenantId) return null;
    if (current.version !== expectedVersion) return { conflict: current.version };
    const saved = { ...structuredClone(next), tenantId, createdAt: current.createdAt };
    this.dashboards.set(next.id, saved);
    return { saved: structuredClone(saved) };
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.dashboards.get(id)?.tenantId === tenantId ? this.dashboards.delete(id) : false;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    const ids = [...this.dashboards.values()].filter((d) => d.tenantId === tenantId).map((d) => d.id);
    for (const id of ids) this.dashboards.delete(id);
    return ids.length;
  }
}
