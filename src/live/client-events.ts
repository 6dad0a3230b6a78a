// The contract of the live stream between the server and its clients (public/js/live.js,
// scripts with socket.io-client). Namespace `/live`; the handshake authenticates with the
// session cookie or `auth: {token}` (a bearer login token or an API token with read scope);
// a refused handshake is a `connect_error` whose `message` says why. Every connection joins
// the room of its tenant and hears only that tenant.
//
// Log stream: nothing flows until the client emits `set_filters`; it may do so again at any
// time. Records come as `log` (one) or `logs` (several, in commit order), in the shape search
// returns (`results[]` of POST /api/search), each once, and only after it is durable.
// Metrics: every second `metrics_update`, until `set_metrics {enabled: false}`.
// Notifications: `notification` is pushed by the server (LiveNotifier.notifyTenant) to every
// open page of a tenant, e.g. a fired alert; pages may show it as a browser notification.

/** What `set_filters` carries; every field optional, empty means "everything". */
export interface LiveFilters {
  /** Lognest query language, as on search. */
  query?: string;
  /** One level or several (array or comma-separated). */
  level?: string | string[];
  service?: string;
  server?: string;
  environment?: string;
}

/** A record as search returns it (toApiRecord). */
export type LiveRecord = Record<string, unknown>;

export interface FiltersSet {
  filters: LiveFilters;
}

/** The query or a filter was refused; the previous filter (if any) stays in force. */
export interface FiltersError {
  message: string;
  /** 0-based offset in `query` for a syntax error; null for other problems. */
  position: number | null;
  /** The filter field at fault when it is not the query. */
  field?: string;
}

/**
 * Records that matched but were not sent: the client did not keep up (its buffer was full)
 * or more than LOGNEST_LIVE_MAX_RATE records/s matched. `since` is the ISO time of the first
 * of them; the next records delivered come after the gap.
 */
export interface DroppedNotice {
  count: number;
  since: string;
}

export interface MetricsUpdate {
  /** Records committed for the tenant in the last second. */
  logs_per_second: number;
  /** ERROR and CRITICAL records committed in the last 60 seconds. */
  errors_per_minute: number;
  /** Distinct users with a live connection to the tenant, across all Lognest processes. */
  connected_users: number;
  /** Records committed in the last 60 seconds per level. */
  by_level: Record<string, number>;
  timestamp: string;
}

export type NotificationSeverity = 'info' | 'warning' | 'error' | 'critical';

/** A server-side event worth a browser notification (a fired alert, ...). */
export interface LiveNotification {
  kind: string;
  title: string;
  message: string;
  severity: NotificationSeverity;
  /** A page to open on click, relative to the app (e.g. `/alerts/123`). */
  url?: string;
  timestamp: string;
}

export interface ServerToClientEvents {
  filters_set: (payload: FiltersSet) => void;
  filters_error: (payload: FiltersError) => void;
  log: (record: LiveRecord) => void;
  logs: (records: LiveRecord[]) => void;
  dropped: (notice: DroppedNotice) => void;
  metrics_update: (metrics: MetricsUpdate) => void;
  notification: (notification: LiveNotification) => void;
}

export interface ClientToServerEvents {
  set_filters: (filters: LiveFilters) => void;
  set_metrics: (options: { enabled: boolean }) => void;
}

export const LIVE_NAMESPACE = '/live';

export const tenantRoom = (tenantId: string) => `tenant:${tenantId}`;
