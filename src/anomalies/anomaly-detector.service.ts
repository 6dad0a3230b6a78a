import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { MetricBucket } from '../logs/metric-bucket';
import { QueryNode } from '../logs/query/query-ast';
import { Anomaly, METRICS, MetricName, SEVERITIES, SeriesPoint } from './anomaly';
import { DetectionRequest } from './anomaly-request';
import { mergeAnomalies } from './merge-anomalies';
import { coarseLatency, coarseMedian, COARSE_MINUTES, MEDIAN_MINUTES } from './coarse-latency';
import { denseSeries, MINUTE, ServiceSeries } from './metric-series';
import { lookbackMinutes, runDetection } from './run-detection';
import { severityRank } from './severity';
import { PatternStore } from '../patterns/pattern-store';
import { patternChangeAnomalies } from './pattern-changes';

export interface AnomalyReport {
  periodStart: number;
  periodEnd: number;
  anomalies: Anomaly[];
  bySeverity: Record<string, number>;
  byService: Record<string, number>;
}

/** Key of the all-services series in per-service counts. */
export const ALL_SERVICES = '_all';

/**
 * Finds what is unusual in a tenant's logs without a rule: per-minute volume, error rate,
 * p95 latency and distinct users of every service (and of all together), read through the
 * log read port and judged by the detectors. Other modules (alerting's `anomaly`
 * aggregation) call `detect`.
 */
@Injectable()
export class AnomalyDetector {
  constructor(
    private readonly logs: LogReadStore,
    private readonly patterns: PatternStore,
  ) {}

  /** Anomalies of `metrics` in the period, merged per metric and service, oldest first. */
  async detect(tenantId: string, request: DetectionRequest, metrics: readonly MetricName[]): Promise<Anomaly[]> {
    const all = await this.serviceSeries(tenantId, request, metrics);
    return mergeAnomalies(all.flatMap((s) => runDetection(s, request.from, metrics, request.method).anomalies));
  }

  /** One metric of one service (or of all: service null) with its expected band, for the anomaly panel. */
  async series(tenantId: string, request: DetectionRequest, metric: MetricName): Promise<{ points: SeriesPoint[]; anomalies: Anomaly[] }> {
    const all = await this.serviceSeries(tenantId, request, [metric]);
    const wanted = all.find((s) => s.service === request.service);
    if (!wanted) return { points: [], anomalies: [] };
    const result = runDetection(wanted, request.from, [metric], request.method);
    return { points: result.points[metric] ?? [], anomalies: result.anomalies };
  }

  /** Seed 002's report: every metric and service and the pattern changes, with counts per severity and service. */
  async report(tenantId: string, request: DetectionRequest): Promise<AnomalyReport> {
    const [metrics, fresh] = await Promise.all([this.detect(tenantId, request, METRICS), patternChangeAnomalies(this.logs, this.patterns, tenantId, request)]);
    const anomalies = [...metrics, ...fresh].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.detectedAt - b.detectedAt,
    );
    const bySeverity: Record<string, number> = Object.fromEntries([...SEVERITIES].reverse().map((s) => [s, 0]));
    const byService: Record<string, number> = {};
    for (const a of anomalies) {
      bySeverity[a.severity]++;
      const key = a.service ?? ALL_SERVICES;
      byService[key] = (byService[key] ?? 0) + 1;
    }
    return { periodStart: request.from, periodEnd: request.to, anomalies, bySeverity, byService };
  }

  /**
   * The dense series of the period and the history before it: of one service when asked,
   * else of every service and of all of them together; with `auto` and latency asked, also
   * the p95 per five minutes and the median per 15.
   */
  private async serviceSeries(tenantId: string, request: DetectionRequest, metrics: readonly MetricName[]): Promise<ServiceSeries[]> {
    const start = request.from - lookbackMinutes(request.method) * MINUTE;
    const minutes = Math.round((request.to - start) / MINUTE);
    const coarse = request.method === 'auto' && metrics.includes('latency_p95');
    const [fine, wide, wider] = await Promise.all([
      this.bucketsBySeries(tenantId, request, start, MINUTE),
      coarse ? this.bucketsBySeries(tenantId, request, start, COARSE_MINUTES * MINUTE) : Promise.resolve(null),
      coarse ? this.bucketsBySeries(tenantId, request, start, MEDIAN_MINUTES * MINUTE) : Promise.resolve(null),
    ]);
    return [...fine].map(([service, buckets]) => ({
      ...denseSeries(buckets, service, start, minutes),
      ...(wide ? { coarseLatency: coarseLatency(wide.get(service) ?? [], start, request.to) } : {}),
      ...(wider ? { coarseMedian: coarseMedian(wider.get(service) ?? [], start, request.to) } : {}),
    }));
  }

  /** Metric buckets of the request's series (its service; or all together and each service), all together first. */
  private async bucketsBySeries(tenantId: string, request: DetectionRequest, start: number, intervalMs: number): Promise<Map<string | null, MetricBucket[]>> {
    const base: QueryNode = request.query ?? { kind: 'match_all' };
    const service: QueryNode | null = request.service === null ? null : { kind: 'phrase', field: 'service', value: request.service, position: 0 };
    const query: QueryNode = service === null ? base : base.kind === 'match_all' ? service : { kind: 'and', children: [base, service] };
    const scope = { tenantId, query, from: start, to: request.to - 1 };
    if (request.service !== null || request.eachService === false) {
      return new Map([[request.service, await this.logs.metricSeries(scope, intervalMs, false)]]);
    }
    const [total, perService] = await Promise.all([this.logs.metricSeries(scope, intervalMs, false), this.logs.metricSeries(scope, intervalMs, true)]);
    const bySeries = new Map<string | null, MetricBucket[]>([[null, total]]);
    for (const b of perService) {
      if (b.service === null || b.service === undefined) continue;
      const list = bySeries.get(b.service) ?? [];
      list.push(b);
      bySeries.set(b.service, list);
    }
    return bySeries;
  }
}
