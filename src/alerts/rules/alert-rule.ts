import { Level } from '../../logs/log-record';
import { DetectionMethod, MetricName } from '../../anomalies/anomaly';
import { MetricKind } from '../../logs/log-metric';

export const OPERATORS = ['>', '>=', '<', '<=', '=='] as const;
export type Operator = (typeof OPERATORS)[number];

export const SEVERITIES = ['info', 'warning', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type NoDataPolicy = 'ok' | 'alerting';

export const ANOMALY_DIRECTIONS = ['any', 'spike', 'drop'] as const;
export type AnomalyDirection = (typeof ANOMALY_DIRECTIONS)[number];

/** What an `anomaly` rule watches: one metric of the anomaly detector, judged by one method. */
export interface AnomalyWatch {
  metric: MetricName;
  method: DetectionMethod;
  direction: AnomalyDirection;
}

/**
 * What a rule computes over its window: a log metric (log-metric.ts), or `anomaly`: the
 * strongest anomaly score (in spreads, 0 when nothing is anomalous) of a detector metric.
 */
export interface RuleAggregation {
  type: MetricKind | 'anomaly';
  field: string | null;
  /** Set exactly when type is `anomaly`. */
  anomaly?: AnomalyWatch;
}

export interface RuleCondition {
  operator: Operator;
  threshold: number;
  windowMs: number;
}

/** A rule as the user defines it; everything the evaluator needs. */
export interface AlertRuleDefinition {
  name: string;
  description: string | null;
  /** Lognest query language; empty matches every record. */
  query: string;
  levels: Level[];
  services: string[];
  aggregation: RuleAggregation;
  condition: RuleCondition;
  /** One alert per value of this field, or one alert for the whole rule. */
  groupBy: string | null;
  intervalMs: number;
  /** How long the condition must hold before the alert fires. */
  forMs: number;
  /** How long a firing alert stays firing after the condition stops holding. */
  keepFiringForMs: number;
  noData: NoDataPolicy;
  severity: Severity;
  channelIds: string[];
  /** Reminders while firing and not acknowledged; null: none. */
  repeatEveryMs: number | null;
  enabled: boolean;
}

export interface AlertRule extends AlertRuleDefinition {
  id: string;
  tenantId: string;
  /** The user who owns the rule; null when made by a token without a user. */
  ownerId: string | null;
  ownerName: string;
  createdAt: number;
  updatedAt: number;
  timesFired: number;
  lastFiredAt: number | null;
}

export function conditionHolds(value: number, condition: Pick<RuleCondition, 'operator' | 'threshold'>): boolean {
  const t = condition.threshold;
  switch (condition.operator) {
    case '>':
      return value > t;
    case '>=':
      return value >= t;
    case '<':
      return value < t;
    case '<=':
      return value <= t;
    case '==':
      return value === t;
  }
}

/** Exactly the user-defined part of a rule (a full rule carries ids and statistics too). */
export function definitionOf(rule: AlertRuleDefinition): AlertRuleDefinition {
  return {
    name: rule.name, description: rule.description, query: rule.query, levels: [...rule.levels], services: [...rule.services],
    aggregation: { ...rule.aggregation, ...(rule.aggregation.anomaly ? { anomaly: { ...rule.aggregation.anomaly } } : {}) }, condition: { ...rule.condition }, groupBy: rule.groupBy, intervalMs: rule.intervalMs,
    forMs: rule.forMs, keepFiringForMs: rule.keepFiringForMs, noData: rule.noData, severity: rule.severity,
    channelIds: [...rule.channelIds], repeatEveryMs: rule.repeatEveryMs, enabled: rule.enabled,
  };
}
