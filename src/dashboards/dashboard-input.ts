import { randomBytes } from 'node:crypto';
import { badParameter, nameParam, optionalTextParam } from '../platform/http/bad-request';
import { DashboardContent, Widget } from './dashboard';
import { parseTimeRange } from './time-range-input';
import { parseWidget } from './widget-input';

type Body = Record<string, unknown>;

export const MAX_WIDGETS = 50;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 2000;
/** The auto-refresh choices, as the page offers them; `off` (or null) stops it. */
export const REFRESH_CHOICES: Record<string, number> = { '10s': 10, '30s': 30, '1m': 60, '5m': 300, '15m': 900, '1h': 3600 };

export const newWidgetId = () => `w${randomBytes(5).toString('hex')}`;

export const parseDashboardName = (raw: unknown): string => nameParam(raw, 'name', MAX_NAME);

const description = (raw: unknown): string | null => optionalTextParam(raw, 'description', MAX_DESCRIPTION);

/** `shared: true|false`, or seed-style `visibility: "shared"|"private"`. */
function shared(body: Body): boolean | undefined {
  if (body.shared !== undefined) {
    if (typeof body.shared !== 'boolean') throw badParameter('shared', 'must be true or false');
    return body.shared;
  }
  if (body.visibility !== undefined) {
    if (body.visibility !== 'shared' && body.visibility !== 'private') throw badParameter('visibility', 'must be private or shared');
    return body.visibility === 'shared';
  }
  return undefined;
}

/** `refresh: "30s"` (or `off`), or `refresh_seconds: 30`. */
function refresh(body: Body): number | null | undefined {
  const raw = body.refresh !== undefined ? body.refresh : body.refresh_seconds;
  if (raw === undefined) return undefined;
  if (raw === null || raw === 'off' || raw === false || raw === 0) return null;
  if (typeof raw === 'string' && REFRESH_CHOICES[raw] !== undefined) return REFRESH_CHOICES[raw];
  if (typeof raw === 'number' && Object.values(REFRESH_CHOICES).includes(raw)) return raw;
  throw badParameter(body.refresh !== undefined ? 'refresh' : 'refresh_seconds', `must be off or one of ${Object.keys(REFRESH_CHOICES).join(', ')}`);
}

function widgets(raw: unknown): Widget[] {
  if (!Array.isArray(raw)) throw badParameter('widgets', 'must be a list of widgets');
  if (raw.length > MAX_WIDGETS) throw badParameter('widgets', `has more than ${MAX_WIDGETS} widgets`);
  const out = raw.map((w, i) => parseWidget(w, `widgets[${i}]`, newWidgetId));
  const seen = new Set<string>();
  out.forEach((w, i) => {
    if (seen.has(w.id)) throw badParameter(`widgets[${i}].id`, `"${w.id}" is used by another widget of this dashboard`);
    seen.add(w.id);
  });
  return out;
}

/** A new dashboard: a name, the rest defaulted (private, last 24 hours, no auto-refresh, no widgets). */
export function parseNewDashboard(body: Body): DashboardContent {
  return {
    name: parseDashboardName(body.name),
    description: description(body.description),
    shared: shared(body) ?? false,
    timeRange: body.time_range === undefined ? { range: '24h', from: null, to: null } : parseTimeRange(body.time_range, 'time_range'),
    refreshSeconds: refresh(body) ?? null,
    widgets: body.widgets === undefined ? [] : widgets(body.widgets),
  };
}

export interface DashboardChanges {
  content: Partial<DashboardContent>;
  /** The version the caller edited; a save over a newer one is refused (409). */
  version: number | undefined;
}

/** A PUT body: any of the fields of a new dashboard, and the `version` it was read at. */
export function parseDashboardChanges(body: Body): DashboardChanges {
  const content: Partial<DashboardContent> = {};
  if (body.name !== undefined) content.name = parseDashboardName(body.name);
  if (body.description !== undefined) content.description = description(body.description);
  const isShared = shared(body);
  if (isShared !== undefined) content.shared = isShared;
  if (body.time_range !== undefined) content.timeRange = parseTimeRange(body.time_range, 'time_range');
  const refreshSeconds = refresh(body);
  if (refreshSeconds !== undefined) content.refreshSeconds = refreshSeconds;
  if (body.widgets !== undefined) content.widgets = widgets(body.widgets);
  if (Object.keys(content).length === 0) throw badParameter('name', 'send at least one of name, description, shared, time_range, refresh, widgets');
  const version = body.version;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) throw badParameter('version', 'must be the integer version the dashboard was read at');
  return { content, version: version as number | undefined };
}
