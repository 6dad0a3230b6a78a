import { Anomaly, AnomalySubject, SeriesPoint } from './anomaly';
import { MEDIAN_MINUTES } from './coarse-latency';
import { AnomalyReport } from './anomaly-detector.service';

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const iso = (ms: number) => new Date(ms).toISOString();

/** What a value is, where the metric's name alone does not say it. */
const MEASURED: Partial<Record<AnomalySubject, string>> = { latency_median: `median response_time_ms per ${MEDIAN_MINUTES} minutes ` };

/** Seed 002's anomaly object, plus when it ended and which method found it. */
export function presentAnomaly(a: Anomaly) {
  return {
    detected_at: iso(a.detectedAt),
    ended_at: iso(a.endedAt),
    metric_name: a.metric,
    service: a.service,
    anomaly_type: a.type,
    description: a.detail !== undefined ? `${a.type}: ${a.detail} (${a.actual} records)` : `${a.metric} ${a.type}: ${MEASURED[a.metric] ?? ''}${a.actual.toFixed(2)} (expected ~${a.expected.toFixed(2)})`,
    score: round(a.score),
    severity: a.severity,
    actual_value: round(a.actual),
    expected_value: round(a.expected),
    deviation_percent: a.deviationPercent === null ? null : round(a.deviationPercent, 1),
    method: a.method,
  };
}

export function presentReport(r: AnomalyReport) {
  return {
    period_start: iso(r.periodStart),
    period_end: iso(r.periodEnd),
    total_anomalies: r.anomalies.length,
    anomalies: r.anomalies.map(presentAnomaly),
    anomalies_by_severity: r.bySeverity,
    anomalies_by_service: r.byService,
  };
}

export function presentPoint(p: SeriesPoint) {
  const r = (n: number | null) => (n === null ? null : round(n));
  return { time: iso(p.start), actual: r(p.actual), expected: r(p.expected), lower: r(p.lower), upper: r(p.upper), anomalous: p.anomalous };
}
