import { parseDetectionRequest, parseMetric } from './anomaly-request';

const NOW = Date.UTC(2026, 0, 5, 12, 30, 25);
const MIN = 60_000;
const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { getResponse(): { field: string; message: string } }).getResponse();
  }
  throw new Error('no error');
};

describe('parseDetectionRequest', () => {
  it('defaults to the last 60 whole minutes, every service, auto', () => {
    expect(parseDetectionRequest({}, NOW)).toEqual({ from: Date.UTC(2026, 0, 5, 11, 30), to: Date.UTC(2026, 0, 5, 12, 30), service: null, method: 'auto' });
  });

  it('reads window_minutes, service, method and a past period', () => {
    const r = parseDetectionRequest({ window_minutes: '10', service: 'auth', method: 'seasonal', date_to: '2026-01-04T10:00:00Z' }, NOW);
    expect(r).toEqual({ from: Date.UTC(2026, 0, 4, 9, 50), to: Date.UTC(2026, 0, 4, 10, 0), service: 'auth', method: 'seasonal' });
    const range = parseDetectionRequest({ date_from: '2026-01-01', date_to: '2026-01-01' }, NOW);
    expect([range.from, range.to]).toEqual([Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)]);
    expect(range.to - range.from).toBe(1440 * MIN);
  });

  it.each([
    [{ window_minutes: '9' }, 'window_minutes'],
    [{ window_minutes: '10081' }, 'window_minutes'],
    [{ window_minutes: 'abc' }, 'window_minutes'],
    [{ method: 'magic' }, 'method'],
    [{ date_from: 'yesterday' }, 'date_from'],
    [{ date_to: 'soon' }, 'date_to'],
    [{ date_from: '2026-01-05T12:00:00Z', date_to: '2026-01-05T11:00:00Z' }, 'date_from'],
    [{ date_from: '2025-01-01' }, 'date_from'],
    [{ service: ['a', 'b'] }, 'service'],
  ])('400 naming the parameter for %j', (input, field) => {
    expect(errorOf(() => parseDetectionRequest(input, NOW)).field).toBe(field);
  });

  it('reads the metric of a series', () => {
    expect(parseMetric({})).toBe('log_volume');
    expect(parseMetric({ metric: 'latency_p95' })).toBe('latency_p95');
    expect(errorOf(() => parseMetric({ metric: 'cpu' })).field).toBe('metric');
  });
});
