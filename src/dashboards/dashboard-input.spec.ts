import { parseDashboardChanges, parseNewDashboard } from './dashboard-input';

const fieldOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as { getResponse(): { field: string } }).getResponse().field;
  }
  throw new Error('accepted');
};

describe('dashboard input', () => {
  it('defaults a new dashboard to private, the last 24 hours, no refresh and no widgets', () => {
    expect(parseNewDashboard({ name: '  Payments ' })).toEqual({
      name: 'Payments', description: null, shared: false, timeRange: { range: '24h', from: null, to: null }, refreshSeconds: null, widgets: [],
    });
  });

  it('reads every widget type with its defaults, and the seed spellings of sharing and refresh', () => {
    const d = parseNewDashboard({
      name: 'Ops', visibility: 'shared', refresh: '30s', time_range: { range: 'custom', from: '2026-11-01T00:00:00Z', to: 'now' },
      widgets: [
        { type: 'count_over_time', query: 'level:ERROR' },
        { type: 'top_values', field: 'endpoint', limit: 5, width: 12 },
        { type: 'pie', field: 'fields.region' },
        { type: 'number', stat: 'p95', field: 'response_time_ms', title: 'p95', time_range: '1h' },
        { type: 'field_over_time', field: 'response_time_ms' },
        { id: 'table', type: 'latest_records', columns: ['@timestamp', 'fields.region'] },
      ],
    });
    expect(d).toMatchObject({ shared: true, refreshSeconds: 30, timeRange: { range: 'custom', from: '2026-11-01T00:00:00Z', to: 'now' } });
    expect(d.widgets.map((w) => [w.type, w.field, w.stat, w.limit, w.width, w.height])).toEqual([
      ['count_over_time', null, null, null, 6, 2],
      ['top_values', 'endpoint', null, 5, 12, 2],
      ['pie', 'region', null, 6, 4, 2],
      ['number', 'response_time_ms', 'p95', null, 3, 1],
      ['field_over_time', 'response_time_ms', 'p95', null, 6, 2],
      ['latest_records', null, null, 10, 12, 2],
    ]);
    expect(d.widgets[3]).toMatchObject({ title: 'p95', timeRange: { range: '1h' } });
    expect(d.widgets[5]).toMatchObject({ id: 'table', columns: ['@timestamp', 'fields.region'] });
    expect(new Set(d.widgets.map((w) => w.id)).size).toBe(6);
  });

  it('names the field at fault', () => {
    const widget = (w: Record<string, unknown>) => () => parseNewDashboard({ name: 'x', widgets: [{ type: 'count_over_time' }, w] });
    expect(fieldOf(() => parseNewDashboard({}))).toBe('name');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', shared: 'yes' }))).toBe('shared');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', refresh: '7s' }))).toBe('refresh');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', time_range: '2h' }))).toBe('time_range.range');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', time_range: { range: 'custom' } }))).toBe('time_range.from');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', time_range: { range: 'custom', from: '2026-11-02', to: '2026-11-01' } }))).toBe('time_range.from');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', widgets: {} }))).toBe('widgets');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', widgets: Array(51).fill({ type: 'pie', field: 'service' }) }))).toBe('widgets');
    expect(fieldOf(widget({ type: 'gauge' }))).toBe('widgets[1].type');
    expect(fieldOf(widget({ type: 'count_over_time', query: 'level:(ERROR' }))).toBe('widgets[1].query');
    expect(fieldOf(widget({ type: 'count_over_time', query: 'status_code:abc' }))).toBe('widgets[1].query');
    expect(fieldOf(widget({ type: 'top_values' }))).toBe('widgets[1].field');
    expect(fieldOf(widget({ type: 'top_values', field: '@timestamp' }))).toBe('widgets[1].field');
    expect(fieldOf(widget({ type: 'number', stat: 'avg', field: 'service' }))).toBe('widgets[1].field');
    expect(fieldOf(widget({ type: 'number', stat: 'median' }))).toBe('widgets[1].stat');
    expect(fieldOf(widget({ type: 'field_over_time', stat: 'count' }))).toBe('widgets[1].stat');
    expect(fieldOf(widget({ type: 'latest_records', limit: 101 }))).toBe('widgets[1].limit');
    expect(fieldOf(widget({ type: 'latest_records', columns: ['message', 'DROP TABLE'] }))).toBe('widgets[1].columns');
    expect(fieldOf(widget({ type: 'pie', field: 'service', width: 13 }))).toBe('widgets[1].width');
    expect(fieldOf(widget({ type: 'pie', field: 'service', id: 'a b' }))).toBe('widgets[1].id');
    expect(fieldOf(() => parseNewDashboard({ name: 'x', widgets: [{ id: 'a', type: 'pie', field: 'service' }, { id: 'a', type: 'pie', field: 'level' }] }))).toBe('widgets[1].id');
  });

  it('reports the position of a query syntax error', () => {
    try {
      parseNewDashboard({ name: 'x', widgets: [{ type: 'count_over_time', query: 'level:ERROR AND (' }] });
      throw new Error('accepted');
    } catch (error) {
      expect((error as { getResponse(): object }).getResponse()).toMatchObject({ field: 'widgets[0].query', position: expect.any(Number) });
    }
  });

  it('takes partial changes with the version they were read at', () => {
    expect(parseDashboardChanges({ name: 'New', version: 3 })).toEqual({ content: { name: 'New' }, version: 3 });
    expect(parseDashboardChanges({ refresh: 'off', shared: true })).toEqual({ content: { refreshSeconds: null, shared: true }, version: undefined });
    expect(fieldOf(() => parseDashboardChanges({}))).toBe('name');
    expect(fieldOf(() => parseDashboardChanges({ name: 'x', version: '3' }))).toBe('version');
  });
});
