import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { LogScope } from '../logs/log-scope';
import { QueryNode } from '../logs/query/query-ast';
import { PatternStore } from './pattern-store';

export interface LogPattern {
  patternId: string;
  service: string | null;
  template: string;
  /** Records of the scope with this pattern. */
  count: number;
  /** When the pattern was first and last seen at all (not only in the scope). */
  firstSeen: number;
  lastSeen: number;
  sample: string;
  levels: Record<string, number>;
  /** Records per bucket of the scope's range (`bucketMs` apart from `from`), for a sparkline. */
  trend: number[];
}

export interface PatternsAnswer {
  patterns: LogPattern[];
  /** Records of the scope, and those without a pattern id (ingested before patterns were assigned). */
  total: number;
  unassigned: number;
  from: number;
  bucketMs: number;
}

const SPARK_BUCKETS = 24;
const NICE_INTERVALS = [60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000];

const and = (a: QueryNode, b: QueryNode): QueryNode => (a.kind === 'match_all' ? b : { kind: 'and', children: [a, b] });
const exact = (field: string, value: string): QueryNode => ({ kind: 'phrase', field, value, position: 0 });
const anyOf = (field: string, values: string[]): QueryNode => (values.length === 1 ? exact(field, values[0]) : { kind: 'or', children: values.map((v) => exact(field, v)) });

/**
 * The patterns of the records a scope matches, from the pattern ids stamped at ingest
 * (docs/decisions/0060): counts, levels and trend are aggregations of the log read store
 * (so every store answers alike and no record is read), templates come from the PatternStore.
 */
@Injectable()
export class PatternsService {
  constructor(
    private readonly logs: LogReadStore,
    private readonly store: PatternStore,
  ) {}

  async patterns(scope: LogScope, limit: number, now = Date.now()): Promise<PatternsAnswer> {
    const [total, top] = await Promise.all([
      this.logs.count(scope),
      this.logs.metric(scope, { kind: 'count', groupBy: 'pattern_id', groupLimit: limit }),
    ]);
    const ids = top.map((p) => p.group!);
    const templates = new Map((await this.store.get(scope.tenantId, ids)).map((t) => [t.id, t]));
    const unassigned = await this.logs.count({ ...scope, query: and(scope.query, { kind: 'not', child: { kind: 'exists', field: 'pattern_id', position: 0 } }) });
    const to = scope.to ?? now;
    const from = scope.from ?? Math.min(to - 60_000, ...[...templates.values()].map((t) => t.firstSeen));
    const bucketMs = NICE_INTERVALS.find((i) => (to - from) / i <= SPARK_BUCKETS) ?? NICE_INTERVALS[NICE_INTERVALS.length - 1];
    const start = Math.floor(from / bucketMs) * bucketMs;
    if (ids.length === 0) return { patterns: [], total, unassigned, from: start, bucketMs };
    const only: LogScope = { ...scope, query: and(scope.query, anyOf('pattern_id', ids)) };
    const [trend, levels] = await Promise.all([
      this.logs.metric(only, { kind: 'count', groupBy: 'pattern_id', intervalMs: bucketMs, groupLimit: ids.length }),
      this.levels(only, ids.length),
    ]);
    const buckets = Math.max(1, Math.ceil((to - start + 1) / bucketMs));
    const trends = new Map(ids.map((id) => [id, new Array<number>(buckets).fill(0)]));
    for (const p of trend) {
      const i = Math.floor(((p.start ?? start) - start) / bucketMs);
      const row = trends.get(p.group!);
      if (row && i >= 0 && i < buckets) row[i] += p.count;
    }
    const patterns = top.map((p): LogPattern => {
      const t = templates.get(p.group!);
      return {
        patternId: p.group!,
        service: t?.service ?? null,
        template: t?.template ?? '',
        count: p.count,
        firstSeen: t?.firstSeen ?? 0,
        lastSeen: t?.lastSeen ?? 0,
        sample: t?.sample ?? '',
        levels: levels.get(p.group!) ?? {},
        trend: trends.get(p.group!)!,
      };
    });
    return { patterns, total, unassigned, from: start, bucketMs };
  }

  /** One pattern of the tenant with its counts in the scope; null when the tenant has no such pattern. */
  async pattern(scope: LogScope, id: string, now = Date.now()): Promise<LogPattern | null> {
    const [template] = await this.store.get(scope.tenantId, [id]);
    if (!template) return null;
    const answer = await this.patterns({ ...scope, query: and(scope.query, exact('pattern_id', id)) }, 1, now);
    return answer.patterns[0] ?? { patternId: id, service: template.service, template: template.template, count: 0, firstSeen: template.firstSeen, lastSeen: template.lastSeen, sample: template.sample, levels: {}, trend: [] };
  }

  /** Records per level and pattern: one grouped count per level present in the scope. */
  private async levels(scope: LogScope, groups: number): Promise<Map<string, Record<string, number>>> {
    const present = await this.logs.topTerms(scope, 'level', 6);
    const byLevel = await Promise.all(
      present.map((l) => this.logs.metric({ ...scope, query: and(scope.query, exact('level', l.value)) }, { kind: 'count', groupBy: 'pattern_id', groupLimit: groups })),
    );
    const out = new Map<string, Record<string, number>>();
    present.forEach((l, i) => {
      for (const p of byLevel[i]) {
        const row = out.get(p.group!) ?? {};
        row[l.value] = p.count;
        out.set(p.group!, row);
      }
    });
    return out;
  }
}
