import { MetricKind } from '../logs/log-metric';

/** What a widget shows (see widget-input.ts for the fields each one takes). */
export const WIDGET_TYPES = ['count_over_time', 'field_over_time', 'top_values', 'pie', 'number', 'latest_records'] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/** The relative ranges of the time picker; `custom` takes `from` and `to`. */
export const RELATIVE_RANGES = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/**
 * A time range as the user chose it, not as numbers: `24h` stays "the last 24 hours" at every
 * refresh. `custom` keeps its two ends as typed (ISO 8601, epoch or `now-15m`).
 */
export type TimeRange = { range: RelativeRange; from: null; to: null } | { range: 'custom'; from: string; to: string | null };

/** One cell of a dashboard's grid: a query in Lognest's query language and how to show it. */
export interface Widget {
  id: string;
  title: string;
  type: WidgetType;
  query: string;
  /** The field of top_values and pie, and of number and field_over_time stats that read one. */
  field: string | null;
  /** number: any metric; field_over_time: avg, p95 or max. */
  stat: MetricKind | null;
  /** top_values, pie: how many values; latest_records: how many rows. */
  limit: number | null;
  /** latest_records: the columns, canonical names or `fields.<key>`. */
  columns: string[];
  /** Grid columns (of 12) and rows it spans. */
  width: number;
  height: number;
  /** Overrides the dashboard's time range for this widget alone (Grafana's relative time). */
  timeRange: TimeRange | null;
}

/**
 * A named grid of widgets in one tenant. Private ones are seen by their owner alone; shared
 * ones by the whole tenant (docs/decisions/0065). `version` grows by one at every save.
 */
export interface Dashboard {
  id: string;
  tenantId: string;
  ownerId: string;
  ownerName: string;
  name: string;
  description: string | null;
  shared: boolean;
  timeRange: TimeRange;
  /** Auto-refresh period, null when off. */
  refreshSeconds: number | null;
  widgets: Widget[];
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** The parts of a dashboard a save may change. */
export type DashboardContent = Pick<Dashboard, 'name' | 'description' | 'shared' | 'timeRange' | 'refreshSeconds' | 'widgets'>;
