import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '../platform/clock';
import { newId } from '../platform/ids';
import { Dashboard, DashboardContent } from './dashboard';
import { canEdit, canManage, DashboardViewer, requireUser } from './dashboard-access';
import { DashboardChanges } from './dashboard-input';
import { DashboardStore } from './dashboard-store';

const notFound = (id: string) => new NotFoundException({ success: false, error: 'not_found', message: `No dashboard ${id}` });
const forbidden = (message: string) => new ForbiddenException({ success: false, error: 'forbidden', message });

/**
 * Custom dashboards of a tenant. A dashboard the viewer may not see (another tenant's, or
 * someone else's private one) is reported as not found, never as forbidden.
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly store: DashboardStore,
    private readonly clock: Clock,
  ) {}

  async create(viewer: DashboardViewer, content: DashboardContent): Promise<Dashboard> {
    const now = this.clock.now();
    const dashboard: Dashboard = {
      id: newId(now), tenantId: viewer.tenantId, ownerId: requireUser(viewer), ownerName: viewer.username, ...content,
      version: 1, createdAt: now, updatedAt: now,
    };
    await this.store.create(dashboard);
    return dashboard;
  }

  list(viewer: DashboardViewer): Promise<Dashboard[]> {
    return this.store.list(viewer.tenantId, viewer.userId);
  }

  async get(viewer: DashboardViewer, id: string): Promise<Dashboard> {
    const dashboard = await this.store.get(viewer.tenantId, viewer.userId, id);
    if (!dashboard) throw notFound(id);
    return dashboard;
  }

  async update(viewer: DashboardViewer, id: string, changes: DashboardChanges): Promise<Dashboard> {
    const current = await this.get(viewer, id);
    if (!canEdit(viewer, current)) throw forbidden('Only its owner edits a private dashboard');
    if (changes.content.shared !== undefined && changes.content.shared !== current.shared && !canManage(viewer, current)) {
      throw forbidden('Only the owner or a tenant admin changes who sees a dashboard');
    }
    if (changes.version !== undefined && changes.version !== current.version) throw this.conflict(id, current.version);
    const next: Dashboard = { ...current, ...changes.content, version: current.version + 1, updatedAt: this.clock.now() };
    const result = await this.store.save(viewer.tenantId, next, current.version);
    if (result === null) throw notFound(id);
    if ('conflict' in result) throw this.conflict(id, result.conflict);
    return result.saved;
  }

  /** A copy owned by the viewer, private, named `<name> (copy)` unless a name is given (Kibana's "save as"). */
  async copy(viewer: DashboardViewer, id: string, name?: string): Promise<Dashboard> {
    const source = await this.get(viewer, id);
    const { name: sourceName, description, timeRange, refreshSeconds, widgets } = source;
    return this.create(viewer, { name: name ?? `${sourceName} (copy)`.slice(0, 200), description, shared: false, timeRange, refreshSeconds, widgets });
  }

  async delete(viewer: DashboardViewer, id: string): Promise<void> {
    const current = await this.get(viewer, id);
    if (!canManage(viewer, current)) throw forbidden('Only the owner or a tenant admin deletes a shared dashboard');
    if (!(await this.store.delete(viewer.tenantId, id))) throw notFound(id);
  }

  private conflict(id: string, currentVersion: number) {
    return new ConflictException({
      success: false, error: 'conflict', current_version: currentVersion,
      message: `Dashboard ${id} was changed by someone else (now version ${currentVersion}); reload it and apply your changes again`,
    });
  }
}
