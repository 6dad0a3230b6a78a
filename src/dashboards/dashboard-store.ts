import { Dashboard } from './dashboard';

/** What a compare-and-set save found: saved (the new state), a newer version, or nothing. */
export type SaveResult = { saved: Dashboard } | { conflict: number } | null;

/**
 * Dashboards, each in one tenant. Every call names the tenant: another tenant's dashboard is
 * absent, like an unknown id. Reads also name the viewer: a private dashboard of someone else
 * is absent for them too. Who may change what is the service's rule; the store only never
 * crosses tenants.
 */
export abstract class DashboardStore {
  abstract create(dashboard: Dashboard): Promise<void>;
  /** The viewer's own and the tenant's shared dashboards, most recently changed first. */
  abstract list(tenantId: string, viewerId: string | null): Promise<Dashboard[]>;
  abstract get(tenantId: string, viewerId: string | null, id: string): Promise<Dashboard | null>;
  /** Replaces the dashboard when its stored version is still `expectedVersion`. */
  abstract save(tenantId: string, next: Dashboard, expectedVersion: number): Promise<SaveResult>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  /** Every dashboard of a tenant (the tenant is being deleted); how many there were. */
  abstract deleteTenant(tenantId: string): Promise<number>;
}
