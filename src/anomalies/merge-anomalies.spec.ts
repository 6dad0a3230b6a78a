import { Anomaly } from './anomaly';
import { mergeAnomalies } from './merge-anomalies';
import { severityOf } from './severity';

const MIN = 60_000;
const T = Date.UTC(2026, 0, 5, 12, 0);

function anomaly(minute: number, over: Partial<Anomaly> = {}): Anomaly {
  return {
    detectedAt: T + minute * MIN, endedAt: T + (minute + 1) * MIN, metric: 'log_volume', service: 'auth', type: 'spike',
    score: 5, severity: 'critical', actual: 500, expected: 100, deviationPercent: 400, method: 'zscore', ...over,
  };
}

describe('severityOf (seed 002 table)', () => {
  it.each([
    [4.5, 10, 'critical'], [3.2, 10, 'high'], [2.7, 10, 'medium'], [1.5, 10, 'low'],
    [1, 450, 'critical'], [1, 320, 'high'], [1, 260, 'medium'], [1, 150, 'low'],
    [-5, -100, 'critical'], [-3, -100, 'high'], [2, null, 'low'],
  ] as const)('z %s, deviation %s%% → %s', (z, deviation, expected) => {
    expect(severityOf(z, deviation)).toBe(expected);
  });
});

describe('mergeAnomalies', () => {
  it('merges a run of anomalous minutes into one, keeping the strongest values and the highest severity', () => {
    const merged = mergeAnomalies([
      anomaly(0, { score: 4.2, severity: 'critical', actual: 300 }),
      anomaly(1, { score: 9, severity: 'critical', actual: 900 }),
      anomaly(3, { score: 3.1, severity: 'high', actual: 200 }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ detectedAt: T, endedAt: T + 4 * MIN, actual: 900, score: 9, severity: 'critical' });
  });

  it('merges overlapping detections of several methods, highest severity wins', () => {
    const merged = mergeAnomalies([
      anomaly(10, { method: 'zscore', score: 3.5, severity: 'high' }),
      anomaly(10, { method: 'seasonal', score: 2.8, severity: 'medium', endedAt: T + 14 * MIN }),
    ]);
    expect(merged).toEqual([expect.objectContaining({ severity: 'high', endedAt: T + 14 * MIN, method: 'zscore' })]);
  });

  it('keeps apart other metrics, other services, and runs more than the gap apart', () => {
    const merged = mergeAnomalies([
      anomaly(0),
      anomaly(0, { service: 'orders' }),
      anomaly(0, { metric: 'error_rate' }),
      anomaly(0, { service: null }),
      anomaly(5),
    ]);
    expect(merged).toHaveLength(5);
    expect(merged.map((a) => a.detectedAt)).toEqual([T, T, T, T, T + 5 * MIN]);
  });
});
