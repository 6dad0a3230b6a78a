import { Anomaly } from './anomaly';
import { severityRank, worse } from './severity';

/** Buckets apart that still count as one incident: a spike that dips for a minute is one spike. */
export const MERGE_GAP_MS = 2 * 60_000;

/**
 * Overlapping or nearly adjacent anomalies of the same metric and service are one incident
 * (seed 002's de-duplication): it spans all of them, keeps the highest severity, and reports
 * the values of its most deviating bucket. Anomalies of one method extend each other the
 * same way, so runs of anomalous buckets and detections of several methods both collapse.
 */
export function mergeAnomalies(anomalies: Anomaly[], gapMs = MERGE_GAP_MS): Anomaly[] {
  const groups = new Map<string, Anomaly[]>();
  for (const a of anomalies) {
    const key = `${a.metric}\u0000${a.service ?? '\u0001'}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const merged: Anomaly[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.detectedAt - b.detectedAt);
    let current: Anomaly | null = null;
    for (const a of group) {
      if (current && a.detectedAt <= current.endedAt + gapMs) {
        const stronger: Anomaly = Math.abs(a.score) > Math.abs(current.score) || severityRank(a.severity) > severityRank(current.severity) ? a : current;
        current = {
          ...stronger,
          detectedAt: current.detectedAt,
          endedAt: Math.max(current.endedAt, a.endedAt),
          severity: worse(current.severity, a.severity),
          type: current.type === a.type ? current.type : stronger.type,
        };
      } else {
        if (current) merged.push(current);
        current = { ...a };
      }
    }
    if (current) merged.push(current);
  }
  return merged.sort((a, b) => a.detectedAt - b.detectedAt || severityRank(b.severity) - severityRank(a.severity));
}
