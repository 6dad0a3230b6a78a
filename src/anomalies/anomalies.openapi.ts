import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, int, map, nullable, num, obj, oneOf, str, time } from '../openapi/schema';
import { ANOMALY_SUBJECTS, METHODS, METRICS } from './anomaly';
import { MAX_WINDOW_MINUTES, MIN_WINDOW_MINUTES } from './anomaly-request';

const ANOMALY = component('Anomaly', obj({
  detected_at: time(), ended_at: time(), metric_name: oneOf(ANOMALY_SUBJECTS), service: nullable(str('null: all services')), anomaly_type: str('spike, drop, pattern_change'),
  description: str(), score: num(), severity: str(), actual_value: num(), expected_value: num(), deviation_percent: nullable(num()), method: str(),
}));

const DETECTION = {
  window_minutes: { schema: int(undefined, { minimum: MIN_WINDOW_MINUTES, maximum: MAX_WINDOW_MINUTES }), description: 'Minutes before date_to (default 60)' },
  service: { schema: str() },
  method: { schema: oneOf(METHODS), description: 'Detector (default auto)' },
  date_from: { schema: str() },
  date_to: { schema: str() },
};
const DETECT = (what: string): ApiDocOptions => ({ summary: `Anomalies of ${what}`, query: DETECTION, response: arr(ANOMALY) });

export const ANOMALIES_DOCS = {
  logVolume: DETECT('log volume'),
  errorRate: DETECT('the error rate'),
  latency: DETECT('p95 latency'),
  report: {
    summary: 'Anomalies of every metric, by severity and service', query: DETECTION,
    response: obj({ period_start: time(), period_end: time(), total_anomalies: int(), anomalies: arr(ANOMALY), anomalies_by_severity: map(int()), anomalies_by_service: map(int()) }),
  },
  series: {
    summary: 'A metric per minute with its expected band and anomalies', query: { ...DETECTION, metric: { schema: oneOf(METRICS) } },
    response: obj({
      metric: oneOf(METRICS), service: nullable(str()), method: str(),
      points: arr(obj({ time: time(), actual: nullable(num()), expected: nullable(num()), lower: nullable(num()), upper: nullable(num()), anomalous: bool() })),
      anomalies: arr(ANOMALY),
    }),
  },
} satisfies Record<string, ApiDocOptions>;
