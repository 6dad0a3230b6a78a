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

/** Served by socket.io itself (serveClient), same origin, so the CSP's script-src 'self' allows it. */
export const SOCKET_IO_CLIENT = '/socket.io/socket.io.min.js';

/**
 * Alert notifications (`browser` channels) reach every page over the live stream. The Live
 * page shows them in its own banner, from its own connection.
 */
const ALERT_NOTIFICATIONS = [SOCKET_IO_CLIENT, '/js/alert-notifications.js'];

/** What every signed-in page's layout needs: title, navigation, user, its scripts. */
export function pageModel(who: Principal, page: PageName, title: string, extra: Record<string, unknown> & { scripts?: string[] } = {}) {
  const isAdmin = who.role === 'admin' || who.installationAdmin;
  const own = extra.scripts ?? [];
  return {
    title,
    page,
    script: `/js/${page}.js`,
    user: { username: who.username, role: who.role, isAdmin, isInstallationAdmin: who.installationAdmin, canWrite: who.role !== 'viewer' },
    nav: NAV.filter((n) => !n.adminOnly || isAdmin).map((n) => ({ ...n, active: n.page === page })),
    ...extra,
    // Each script once: a page module that ran twice renders its panel twice.
    scripts: [...new Set(page === 'live' ? own : [...ALERT_NOTIFICATIONS.slice(0, 1), ...own, ...ALERT_NOTIFICATIONS.slice(1)])],
  };
}
