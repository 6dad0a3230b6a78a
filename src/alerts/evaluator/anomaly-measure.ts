import { Anomaly } from '../../anomalies/anomaly';
import { AnomalyDetector } from '../../anomalies/anomaly-detector.service';
import { AlertRuleDefinition, AnomalyWatch, conditionHolds } from '../rules/alert-rule';
import { Evaluated } from './alert-transition';
import { ruleQuery } from './rule-scope';

const MINUTE = 60_000;

type AnomalyRule = Pick<AlertRuleDefinition, 'query' | 'levels' | 'services' | 'groupBy' | 'condition' | 'aggregation'>;

const watchOf = (rule: AnomalyRule): AnomalyWatch => rule.aggregation.anomaly ?? { metric: 'log_volume', method: 'auto', direction: 'any' };

const matches = (a: Anomaly, w: AnomalyWatch) => w.direction === 'any' || (w.direction === 'spike' ? a.score > 0 : a.score < 0);

/**
 * The anomalies of the rule's records (its query, levels and services) in whole minutes of
 * the window ending at `end`: the detector judges only minutes that are over, so the minute
 * still running is left for the next evaluation.
 */
export async function ruleAnomalies(detector: AnomalyDetector, tenantId: string, rule: AnomalyRule, from: number, to: number): Promise<Anomaly[]> {
  const watch = watchOf(rule);
  const found = await detector.detect(tenantId, {
    from: Math.floor(from / MINUTE) * MINUTE, to: Math.floor(to / MINUTE) * MINUTE, service: null, method: watch.method,
    query: ruleQuery(rule), eachService: rule.groupBy === 'service',
  }, [watch.metric]);
  return found.filter((a) => matches(a, watch) && (rule.groupBy === 'service' ? a.service !== null : a.service === null));
}

/**
 * An anomaly rule's value per group: the strongest |score| (spreads from expected) of an
 * anomaly of its metric in the window, 0 when there is none. Ungrouped rules watch their
 * records all together; `group_by: service` one series per service, and only services with
 * an anomaly are listed (the evaluator reads the others as 0, not as no data).
 */
export async function measureAnomaly(detector: AnomalyDetector, tenantId: string, rule: AnomalyRule, end: number): Promise<Evaluated[]> {
  const anomalies = await ruleAnomalies(detector, tenantId, rule, end - rule.condition.windowMs + 1, end + 1);
  const strongest = new Map<string | null, number>();
  for (const a of anomalies) {
    const group = rule.groupBy === 'service' ? a.service : null;
    strongest.set(group, Math.max(strongest.get(group) ?? 0, Math.abs(a.score)));
  }
  if (rule.groupBy === null && !strongest.has(null)) strongest.set(null, 0);
  return [...strongest]
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))
    .map(([group, value]) => ({ group, value, met: conditionHolds(value, rule.condition) }));
}

/** The value of an anomaly rule per bucket of the day before `end` (the editor's preview). */
export async function anomalyPreview(detector: AnomalyDetector, tenantId: string, rule: AnomalyRule, from: number, end: number, intervalMs: number) {
  const anomalies = await ruleAnomalies(detector, tenantId, rule, from, end + 1);
  const points = new Map<string, { start: number; group: string | null; value: number }>();
  for (const a of anomalies) {
    const start = from + Math.floor((a.detectedAt - from) / intervalMs) * intervalMs;
    const group = rule.groupBy === 'service' ? a.service : null;
    const key = `${start}\u0000${group}`;
    const value = Math.max(points.get(key)?.value ?? 0, Math.abs(a.score));
    points.set(key, { start, group, value });
  }
  return [...points.values()].sort((a, b) => a.start - b.start);
}
