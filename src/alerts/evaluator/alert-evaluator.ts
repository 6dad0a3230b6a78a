import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AnomalyDetector } from '../../anomalies/anomaly-detector.service';
import { LogReadStore } from '../../logs/log-read-store';
import { newId } from '../../platform/ids';
import { AlertMetrics } from '../alert-metrics';
import { AlertNotifier } from '../notifications/alert-notifier';
import { AlertRule, conditionHolds } from '../rules/alert-rule';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { AlertStateName } from '../state/alert-state-machine';
import { AlertGroupState } from '../state/alert-state';
import { AlertStateStore } from '../state/alert-state-store';
import { Evaluated, planTransition } from './alert-transition';
import { measureAnomaly } from './anomaly-measure';
import { ruleScope } from './rule-scope';

const COMMIT_TRIES = 3;

export interface GroupOutcome extends Evaluated {
  state: AlertStateName;
  /** False when another evaluator committed this group first (it notified, not us). */
  committed: boolean;
  notified: boolean;
}

/**
 * Evaluates a rule: its metric per group over the window ending at now − LOGNEST_ALERT_DELAY
 * (records still in flight would make it flap), then each group's state machine step,
 * committed with compare-and-set. Only the evaluator whose commit wins notifies, so two
 * evaluators racing on the same rule notify once.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly logs: LogReadStore,
    private readonly anomalies: AnomalyDetector,
    private readonly states: AlertStateStore,
    private readonly rules: AlertRuleStore,
    private readonly notifier: AlertNotifier,
    private readonly metrics: AlertMetrics,
    private readonly config: AppConfig,
  ) {}

  /** The rule's value per group at `now`, without touching state (the rule's test). */
  async measure(rule: AlertRule, now: number): Promise<Evaluated[]> {
    const kind = rule.aggregation.type;
    if (kind === 'anomaly') return measureAnomaly(this.anomalies, rule.tenantId, rule, now - this.config.alertDelayMs);
    const scope = ruleScope(rule.tenantId, rule, now - this.config.alertDelayMs);
    const points = await this.logs.metric(scope, {
      kind, ...(rule.aggregation.field ? { field: rule.aggregation.field } : {}), ...(rule.groupBy ? { groupBy: rule.groupBy } : {}),
    });
    return points.map((p) => ({ group: p.group, value: p.value, met: p.value === null ? null : conditionHolds(p.value, rule.condition) }));
  }

  async evaluate(rule: AlertRule, now: number): Promise<GroupOutcome[]> {
    const started = performance.now();
    try {
      const measured = await this.measure(rule, now);
      const known = await this.states.groupStates(rule.tenantId, rule.id);
      // Groups seen before but absent now have no data (a service that went silent); for an
      // anomaly rule they had no anomaly, a value of 0.
      const present = new Set(measured.map((m) => m.group ?? ''));
      const missing = rule.aggregation.type === 'anomaly' ? { value: 0, met: conditionHolds(0, rule.condition) } : { value: null, met: null };
      const absent: Evaluated[] = known.filter((s) => !present.has(s.groupKey)).map((s) => ({ group: s.group, ...missing }));
      const outcomes: GroupOutcome[] = [];
      for (const evaluated of [...measured, ...absent]) outcomes.push(await this.advance(rule, evaluated, now, known.find((s) => s.groupKey === (evaluated.group ?? '')) ?? null));
      this.metrics.evaluated('ok', (performance.now() - started) / 1000);
      return outcomes.filter((o): o is GroupOutcome => o !== null);
    } catch (error) {
      this.metrics.evaluated('error', (performance.now() - started) / 1000);
      throw error;
    }
  }

  /**
   * One group's step, committed with compare-and-set. A commit that lost is decided again on
   * the state that won (the notifier dropping a handed-over notification also bumps the
   * version), unless the winner already evaluated this moment: then it notified, not us.
   */
  private async advance(rule: AlertRule, evaluated: Evaluated, now: number, first: AlertGroupState | null): Promise<GroupOutcome> {
    let prev = first;
    for (let attempt = 0; attempt < COMMIT_TRIES; attempt++) {
      if (attempt > 0) {
        prev = await this.states.groupState(rule.tenantId, rule.id, evaluated.group ?? '');
        if (prev && (prev.lastEvaluatedAt ?? -Infinity) >= now) break;
      }
      const current = prev?.alertId ? await this.states.alert(rule.tenantId, prev.alertId) : null;
      // Ids from the real time, not the evaluation clock: newId repeats ids when given a time that does not move.
      const plan = planTransition(rule, prev, current, evaluated, now, () => newId());
      // An absent group that stays ok changes nothing worth a write.
      if (prev && evaluated.value === null && !plan.commit.event && prev.state === 'ok') return { ...evaluated, state: 'ok', committed: false, notified: false };
      // The notification is part of the commit: if the commit stands, it will be sent (decision 0055).
      const intent = plan.notify && plan.alert ? this.notifier.intent(rule, plan.alert, plan.notify, now) : null;
      if (intent) plan.commit.state.unsent = [...(plan.commit.state.unsent ?? []), intent];
      if (!(await this.states.commit(rule.tenantId, plan.commit))) continue;
      if (plan.commit.event) this.metrics.transitioned(plan.commit.event.to);
      if (plan.notify === 'firing') await this.rules.recordFired(rule.tenantId, rule.id, now);
      this.notifier.dispatch(rule.tenantId, plan.commit.state);
      return { ...evaluated, state: plan.commit.state.state, committed: true, notified: plan.notify !== null };
    }
    return { ...evaluated, state: prev?.state ?? 'ok', committed: false, notified: false };
  }

  /** Evaluates by id (a scheduled job); a rule deleted or disabled since is skipped. */
  async evaluateById(tenantId: string, ruleId: string, now: number): Promise<void> {
    const rule = await this.rules.get(tenantId, ruleId);
    if (!rule || !rule.enabled) return;
    try {
      await this.evaluate(rule, now);
    } catch (error) {
      this.logger.warn(`Evaluating alert rule ${ruleId} of tenant ${tenantId} failed: ${(error as Error).message}`);
    }
  }
}
