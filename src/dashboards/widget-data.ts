import { MetricKind } from '../logs/log-metric';
import { LogRecord } from '../logs/log-record';
import { WidgetType } from './dashboard';

/** The numbers behind one widget over one time window, in domain form (the presenter maps them). */
export interface WidgetWindow {
  from: number;
  to: number;
}

export type WidgetData =
  | { type: 'count_over_time'; window: WidgetWindow; intervalMs: number; buckets: { start: number; counts: Record<string, number>; total: number }[] }
  | { type: 'field_over_time'; window: WidgetWindow; intervalMs: number; stat: MetricKind; field: string; points: { start: number; value: number | null; count: number }[] }
  | { type: 'top_values' | 'pie'; window: WidgetWindow; field: string; values: { value: string; count: number }[]; total: number; other: number | null }
  | { type: 'number'; window: WidgetWindow; stat: MetricKind; field: string | null; value: number | null; count: number; previous: number | null }
  | { type: 'latest_records'; window: WidgetWindow; columns: string[]; total: number; records: LogRecord[] };

export type WidgetDataOf<T extends WidgetType> = Extract<WidgetData, { type: T }>;

/** A widget of a dashboard that could not be computed; the others still are (Kibana's per-panel error). */
export interface WidgetFailure {
  type: WidgetType;
  error: string;
}
