import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../auth/auth-types';
import { Dashboard } from './dashboard';

/** Who reads or changes dashboards: a user (or a token, which has no user) of one tenant. */
export interface DashboardViewer {
  tenantId: string;
  userId: string | null;
  username: string;
  isTenantAdmin: boolean;
}

export function viewerOf(who: Principal): DashboardViewer {
  return { tenantId: who.tenantId, userId: who.userId, username: who.username, isTenantAdmin: who.role === 'admin' };
}

/**
 * The rules of docs/decisions/0065: whoever sees a shared dashboard and may write edits it
 * (like a Grafana editor); only its owner or a tenant admin deletes it or changes who sees it.
 * A private dashboard is its owner's alone. Roles that may not write never reach these.
 */
export const canEdit = (v: DashboardViewer, d: Dashboard) => v.userId !== null && (d.ownerId === v.userId || d.shared);
export const canManage = (v: DashboardViewer, d: Dashboard) => v.userId !== null && (d.ownerId === v.userId || (d.shared && v.isTenantAdmin));

export function requireUser(v: DashboardViewer): string {
  if (v.userId === null) throw new ForbiddenException({ success: false, error: 'forbidden', message: 'Dashboards are made by a user; this token has none' });
  return v.userId;
}
