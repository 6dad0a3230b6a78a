import { LogReadStore } from '../logs/log-read-store';
import { QueryNode } from '../logs/query/query-ast';
import { PatternStore } from '../patterns/pattern-store';
import { Anomaly } from './anomaly';
import { DetectionRequest } from './anomaly-request';
import { MINUTE } from './metric-series';
import { PatternSeries, rateChanges, SHARE_BASELINE_MINUTES } from './pattern-rates';

/** A pattern first seen this long before its burst is still new: the burst is of a new pattern. */
export const NEW_PATTERN_MS = 1440 * MINUTE;
/** Minutes of per-pattern counts read in one aggregation (bounded buckets on Elasticsearch). */
const CHUNK_MINUTES = 360;
/** Patterns counted per minute: the most frequent of each minute (a minute rarely has more). */
const PATTERNS_PER_MINUTE = 100;

const exact = (field: string, value: string): QueryNode => ({ kind: 'phrase', field, value, position: 0 });

/**
 * `pattern_change` anomalies from the pattern ids stamped at ingest: a burst of records of a
 * pattern first seen recently (`new_patterns`), or a known pattern's rate jumping against its
 * share of its service's records in the day before (`pattern_rate`), judged per minute by
 * pattern-rates.ts. Severity: high when the pattern has ERROR or CRITICAL records in the
 * period, else medium; several patterns of a service within BURST_GAP_MS are one incident,
 * critical from three. Tenant-scoped through both ports.
 */
export async function patternChangeAnomalies(logs: LogReadStore, patterns: PatternStore, tenantId: string, request: DetectionRequest): Promise<Anomaly[]> {
  const start = request.from - SHARE_BASELINE_MINUTES * MINUTE;
  const minutes = Math.round((request.to - start) / MINUTE);
  const series = await patternSeries(logs, tenantId, request, start, minutes);
  if (series.size === 0) return [];
  const templates = new Map((await patterns.get(tenantId, [...series.keys()])).map((t) => [t.id, t]));
  const byService = new Map<string | null, PatternSeries[]>();
  for (const [id, counts] of series) {
    const t = templates.get(id);
    if (!t || (request.service !== null && t.service !== request.service)) continue;
    byService.set(t.service, [...(byService.get(t.service) ?? []), { id, counts }]);
  }
  const first = Math.round((request.from - start) / MINUTE);
  const changes = [...byService.values()].flatMap((list) => rateChanges(list, first));
  if (changes.length === 0) return [];
  const errors = await errorCounts(logs, tenantId, request, [...new Set(changes.map((c) => c.id))]);
  const single = changes.map((c): Anomaly => {
    const t = templates.get(c.id)!;
    const detectedAt = start + c.from * MINUTE;
    const fresh = t.firstSeen >= detectedAt - NEW_PATTERN_MS;
    return {
      detectedAt, endedAt: start + c.to * MINUTE, metric: fresh ? 'new_patterns' : 'pattern_rate', service: t.service, type: 'pattern_change',
      score: c.score, severity: (errors.get(c.id) ?? 0) > 0 ? 'high' : 'medium', actual: c.actual, expected: c.expected,
      deviationPercent: c.expected === 0 ? null : ((c.actual - c.expected) / c.expected) * 100, method: request.method,
      detail: `${t.id} ${t.template}`,
    };
  });
  return bursts(single);
}

/** Records per minute of every pattern of the scope (of the request's records, service and query). */
async function patternSeries(logs: LogReadStore, tenantId: string, request: DetectionRequest, start: number, minutes: number): Promise<Map<string, number[]>> {
  const parts: QueryNode[] = [request.query ?? { kind: 'match_all' }, ...(request.service === null ? [] : [exact('service', request.service)])];
  const query: QueryNode = parts.length === 1 ? parts[0] : { kind: 'and', children: parts };
  const out = new Map<string, number[]>();
  for (let from = start; from < request.to; from += CHUNK_MINUTES * MINUTE) {
    const scope = { tenantId, query, from, to: Math.min(request.to, from + CHUNK_MINUTES * MINUTE) - 1 };
    for (const p of await logs.metric(scope, { kind: 'count', groupBy: 'pattern_id', intervalMs: MINUTE, groupLimit: PATTERNS_PER_MINUTE })) {
      const i = Math.floor(((p.start ?? start) - start) / MINUTE);
      if (p.group === null || i < 0 || i >= minutes) continue;
      let counts = out.get(p.group);
      if (!counts) out.set(p.group, (counts = new Array<number>(minutes).fill(0)));
      counts[i] += p.count;
    }
  }
  return out;
}

async function errorCounts(logs: LogReadStore, tenantId: string, request: DetectionRequest, ids: string[]): Promise<Map<string, number>> {
  const of: QueryNode = ids.length === 1 ? exact('pattern_id', ids[0]) : { kind: 'or', children: ids.map((id) => exact('pattern_id', id)) };
  const query: QueryNode = { kind: 'and', children: [of, { kind: 'or', children: [exact('level', 'ERROR'), exact('level', 'CRITICAL')] }] };
  const counts = await logs.metric({ tenantId, query, from: request.from, to: request.to - 1 }, { kind: 'count', groupBy: 'pattern_id', groupLimit: ids.length });
  return new Map(counts.map((c) => [c.group!, c.count]));
}

/** Patterns of one service that change within BURST_GAP_MS of each other are one incident; three or more make it critical. */
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
      const ids = new Set(group.map((a) => a.detail));
      const allNew = group.every((a) => a.metric === 'new_patterns');
      const kind = (a: Anomaly) => (a.metric === 'new_patterns' ? 'new pattern' : 'pattern');
      const strongest = group.reduce((a, b) => (b.score > a.score ? b : a));
      out.push({
        ...strongest,
        metric: group.some((a) => a.metric === 'new_patterns') ? 'new_patterns' : 'pattern_rate',
        detectedAt: group[0].detectedAt,
        endedAt: Math.max(...group.map((a) => a.endedAt)),
        actual: group.reduce((n, a) => n + a.actual, 0),
        expected: group.reduce((n, a) => n + a.expected, 0),
        severity: ids.size >= 3 ? 'critical' : group.some((a) => a.severity === 'high') ? 'high' : 'medium',
        detail: ids.size === 1
          ? `${kind(group[0])} ${group[0].detail}`
          : allNew ? `${ids.size} new patterns: ${[...ids].join(' | ')}` : `${ids.size} patterns changed: ${group.map((a) => `${kind(a)} ${a.detail}`).join(' | ')}`,
      });
      group = [];
    };
    for (const a of list) {
      if (group.length > 0 && a.detectedAt > Math.max(...group.map((g) => g.endedAt)) + BURST_GAP_MS) close();
      group.push(a);
    }
    close();
  }
  return out;
}
