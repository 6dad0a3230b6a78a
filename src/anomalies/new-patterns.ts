import { LogReadStore } from '../logs/log-read-store';
import { QueryNode } from '../logs/query/query-ast';
import { PatternStore } from '../patterns/pattern-store';
import { Anomaly } from './anomaly';
import { DetectionRequest } from './anomaly-request';
import { MINUTE } from './metric-series';

/** A service's patterns are all new at first; one is an anomaly only after this much history. */
export const PATTERN_BASELINE_MS = 60 * MINUTE;
/** Records a new pattern needs in the period before it is reported (one stray line is not an incident). */
export const MIN_NEW_PATTERN_RECORDS = 3;

const exact = (field: string, value: string): QueryNode => ({ kind: 'phrase', field, value, position: 0 });

/**
 * `pattern_change` anomalies: patterns first seen inside the period, in a service that had
 * patterns for PATTERN_BASELINE_MS before, with at least MIN_NEW_PATTERN_RECORDS records in
 * the period. Severity: high when some of them are ERROR or CRITICAL, else medium; the score
 * is the pattern's records per minute since it appeared. Tenant-scoped through both ports.
 */
export async function newPatternAnomalies(logs: LogReadStore, patterns: PatternStore, tenantId: string, request: DetectionRequest): Promise<Anomaly[]> {
  const all = await patterns.list(tenantId);
  const serviceStart = new Map<string | null, number>();
  for (const p of all) serviceStart.set(p.service, Math.min(serviceStart.get(p.service) ?? Infinity, p.firstSeen));
  const fresh = all.filter(
    (p) => p.firstSeen >= request.from && p.firstSeen < request.to && p.firstSeen - serviceStart.get(p.service)! >= PATTERN_BASELINE_MS
      && (request.service === null || p.service === request.service),
  );
  if (fresh.length === 0) return [];
  const ids: QueryNode = fresh.length === 1 ? exact('pattern_id', fresh[0].id) : { kind: 'or', children: fresh.map((p) => exact('pattern_id', p.id)) };
  const scope = { tenantId, query: ids, from: request.from, to: request.to - 1 };
  const errorsOnly: QueryNode = { kind: 'and', children: [ids, { kind: 'or', children: [exact('level', 'ERROR'), exact('level', 'CRITICAL')] }] };
  const [counts, errors] = await Promise.all([
    logs.metric(scope, { kind: 'count', groupBy: 'pattern_id', groupLimit: fresh.length }),
    logs.metric({ ...scope, query: errorsOnly }, { kind: 'count', groupBy: 'pattern_id', groupLimit: fresh.length }),
  ]);
  const countOf = new Map(counts.map((c) => [c.group, c.count]));
  const errorsOf = new Map(errors.map((c) => [c.group, c.count]));
  const single = fresh.flatMap((p): Anomaly[] => {
    const n = countOf.get(p.id) ?? 0;
    if (n < MIN_NEW_PATTERN_RECORDS) return [];
    const start = Math.floor(p.firstSeen / MINUTE) * MINUTE;
    const end = Math.min(request.to, Math.floor(p.lastSeen / MINUTE) * MINUTE + MINUTE);
    return [{
      detectedAt: start, endedAt: Math.max(end, start + MINUTE), metric: 'new_patterns', service: p.service, type: 'pattern_change',
      score: n / Math.max(1, (end - start) / MINUTE), severity: (errorsOf.get(p.id) ?? 0) > 0 ? 'high' : 'medium',
      actual: n, expected: 0, deviationPercent: null, method: request.method, detail: `${p.id} ${p.template}`,
    }];
  });
  return bursts(single);
}

/** Patterns of one service that appear within BURST_GAP_MS of each other are one incident; three or more make it critical. */
export const BURST_GAP_MS = 10 * MINUTE;

function bursts(single: Anomaly[]): Anomaly[] {
  const byService = new Map<string | null, Anomaly[]>();
  for (const a of single) byService.set(a.service, [...(byService.get(a.service) ?? []), a]);
  const out: Anomaly[] = [];
  for (const list of byService.values()) {
    list.sort((a, b) => a.detectedAt - b.detectedAt);
    let group: Anomaly[] = [];
    const close = () => {
      if (group.length === 0) return;
      const severity = group.length >= 3 ? 'critical' : worse(group);
      out.push({
        ...group[0],
        endedAt: Math.max(...group.map((a) => a.endedAt)),
        score: Math.max(...group.map((a) => a.score)),
        actual: group.reduce((n, a) => n + a.actual, 0),
        severity,
        detail: group.length === 1 ? `new pattern ${group[0].detail}` : `${group.length} new patterns: ${group.map((a) => a.detail).join(' | ')}`,
      });
      group = [];
    };
    for (const a of list) {
      if (group.length > 0 && a.detectedAt > group[0].detectedAt + BURST_GAP_MS) close();
      group.push(a);
    }
    close();
  }
  return out;
}

const worse = (group: Anomaly[]): Anomaly['severity'] => (group.some((a) => a.severity === 'high') ? 'high' : 'medium');
