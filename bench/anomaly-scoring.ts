// Scores anomaly detections against the generator's ground truth (bench --anomalies).

import { Anomaly } from '../src/anomalies/anomaly';
import { Incident } from './sample-incidents';

const MINUTE = 60_000;
/** A detection this long after an incident ended still belongs to it (recovery, lag). */
export const MATCH_GRACE_MS = 5 * MINUTE;

export interface DetectorScore {
  detections: number;
  true_detections: number;
  false_alarms: number;
  precision: number;
  recall: number;
  f1: number;
  false_alarms_per_series_day: number;
  /** Minutes from an incident's start to its first detection, over the incidents found. */
  delay_minutes: { mean: number | null; max: number | null };
  recall_by_kind: Record<string, string>;
  false_alarms_by_metric: Record<string, number>;
  missed: string[];
}

function overlaps(a: Anomaly, i: Incident, ownServiceOnly: boolean): boolean {
  const service = a.service === i.service || (!ownServiceOnly && a.service === null);
  return service && a.detectedAt < i.end + MATCH_GRACE_MS && a.endedAt > i.start;
}

/**
 * Precision counts a detection as true when it overlaps an incident of its service, or of
 * any service for the all-services series; recall counts an incident as found only by a
 * detection of its own service. False alarms are normalised per watched series and day.
 */
export function scoreDetections(anomalies: Anomaly[], incidents: Incident[], series: number, days: number): DetectorScore {
  const falses = anomalies.filter((a) => !incidents.some((i) => overlaps(a, i, false)));
  const falseAlarms = falses.length;
  const trueDetections = anomalies.length - falseAlarms;
  const byMetric: Record<string, number> = {};
  for (const a of falses) byMetric[a.metric] = (byMetric[a.metric] ?? 0) + 1;
  const delays: number[] = [];
  const byKind = new Map<string, { found: number; total: number }>();
  const missed: string[] = [];
  for (const i of incidents) {
    const hits = anomalies.filter((a) => overlaps(a, i, true));
    const kind = byKind.get(i.kind) ?? { found: 0, total: 0 };
    kind.total++;
    if (hits.length > 0) {
      kind.found++;
      delays.push((Math.min(...hits.map((a) => a.detectedAt)) - i.start) / MINUTE);
    } else {
      missed.push(`${i.kind} ${i.service} ${new Date(i.start).toISOString()}`);
    }
    byKind.set(i.kind, kind);
  }
  const precision = anomalies.length === 0 ? 0 : trueDetections / anomalies.length;
  const recall = incidents.length === 0 ? 0 : delays.length / incidents.length;
  const round = (n: number) => Number(n.toFixed(3));
  return {
    detections: anomalies.length,
    true_detections: trueDetections,
    false_alarms: falseAlarms,
    precision: round(precision),
    recall: round(recall),
    f1: precision + recall === 0 ? 0 : round((2 * precision * recall) / (precision + recall)),
    false_alarms_per_series_day: round(falseAlarms / series / days),
    delay_minutes: {
      mean: delays.length === 0 ? null : round(delays.reduce((s, d) => s + d, 0) / delays.length),
      max: delays.length === 0 ? null : Math.max(...delays),
    },
    recall_by_kind: Object.fromEntries([...byKind].map(([k, v]) => [k, `${v.found}/${v.total}`])),
    false_alarms_by_metric: byMetric,
    missed,
  };
}
