import { Principal } from '../auth/auth-types';

export type PageName = 'dashboard' | 'dashboards' | 'alerts' | 'search' | 'live' | 'anomalies' | 'upload' | 'files' | 'saved' | 'history' | 'settings' | 'admin' | 'trace';

const NAV: { page: PageName; href: string; label: string; adminOnly?: boolean }[] = [
  { page: 'dashboard', href: '/', label: 'Dashboard' },
  { page: 'dashboards', href: '/dashboards', label: 'Dashboards' },
  { page: 'search', href: '/search', label: 'Search' },
  { page: 'live', href: '/live', label: 'Live' },
  { page: 'alerts', href: '/alerts', label: 'Alerts' },
  { page: 'anomalies', href: '/anomalies', label: 'Anomalies' },
  { page: 'upload', href: '/upload', label: 'Upload' },
  { page: 'files', href: '/files', label: 'Files' },
  { page: 'saved', href: '/saved', label: 'Saved' },
  { page: 'history', href: '/history', label: 'History' },
  { page: 'settings', href: '/settings', label: 'Settings' },
  { page: 'admin', href: '/settings/admin', label: 'Admin', adminOnly: true },
];

/** What every signed-in page's layout needs: title, navigation, user, its script. */
export function pageModel(who: Principal, page: PageName, title: string, extra: Record<string, unknown> = {}) {
  const isAdmin = who.role === 'admin' || who.installationAdmin;
  return {
    title,
    page,
    script: `/js/${page}.js`,
    user: { username: who.username, role: who.role, isAdmin, isInstallationAdmin: who.installationAdmin, canWrite: who.role !== 'viewer' },
    nav: NAV.filter((n) => !n.adminOnly || isAdmin).map((n) => ({ ...n, active: n.page === page })),
    ...extra,
  };
}
