import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/auth-types';
import { AppConfig } from '../../config/app-config';
import { AnomalyDetector } from '../../anomalies/anomaly-detector.service';
import { LogReadStore } from '../../logs/log-read-store';
import { Clock } from '../../platform/clock';
import { badParameter } from '../../platform/http/bad-request';
import { newId } from '../../platform/ids';
import { assertCanManage, notFound } from '../alert-access';
import { AlertChannelStore } from '../channels/alert-channel-store';
import { AlertChannelsService } from '../channels/alert-channels.service';
import { AlertEvaluator } from '../evaluator/alert-evaluator';
import { Evaluated } from '../evaluator/alert-transition';
import { anomalyPreview } from '../evaluator/anomaly-measure';
import { ruleScope } from '../evaluator/rule-scope';
import { AlertScheduler } from '../scheduler/alert-scheduler';
import { AlertGroupState } from '../state/alert-state';
import { AlertStateStore } from '../state/alert-state-store';
import { AlertRule, AlertRuleDefinition } from './alert-rule';
import { parseNewRule, parseRuleChanges, RuleInput } from './alert-rule-input';
import { AlertRuleStore } from './alert-rule-store';

const DAY = 86_400_000;
/** Preview buckets: the rule's window, but no more than this many over the day. */
const MAX_PREVIEW_POINTS = 288;
const PREVIEW_GROUPS = 5;

export interface PreviewPoint {
  start: number;
  group: string | null;
  value: number | null;
}

/** Alert rules: viewers read, members manage their own, admins all of the tenant's. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly rules: AlertRuleStore,
    private readonly states: AlertStateStore,
    private readonly channels: AlertChannelStore,
    private readonly channelsService: AlertChannelsService,
    private readonly evaluator: AlertEvaluator,
    private readonly scheduler: AlertScheduler,
    private readonly logs: LogReadStore,
    private readonly anomalies: AnomalyDetector,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(who: Principal): Promise<Array<{ rule: AlertRule; states: AlertGroupState[] }>> {
    const rules = await this.rules.list(who.tenantId);
    return Promise.all(rules.map(async (rule) => ({ rule, states: await this.states.groupStates(who.tenantId, rule.id) })));
  }

  async get(who: Principal, id: string): Promise<{ rule: AlertRule; states: AlertGroupState[] }> {
    const rule = await this.rules.get(who.tenantId, id);
    if (!rule) throw notFound('rule', id);
    return { rule, states: await this.states.groupStates(who.tenantId, id) };
  }

  async create(who: Principal, body: Record<string, unknown>): Promise<AlertRule> {
    const input = parseNewRule(body);
    const definition = await this.withChannels(who, input);
    const now = this.clock.now();
    const rule: AlertRule = {
      ...definition, id: newId(), tenantId: who.tenantId, ownerId: who.userId, ownerName: who.username,
      createdAt: now, updatedAt: now, timesFired: 0, lastFiredAt: null,
    };
    await this.rules.create(rule);
    await this.scheduler.schedule({ tenantId: rule.tenantId, id: rule.id, intervalMs: rule.intervalMs, enabled: rule.enabled });
    return rule;
  }

  async update(who: Principal, id: string, body: Record<string, unknown>): Promise<AlertRule> {
    const rule = await this.owned(who, id);
    const definition = await this.withChannels(who, parseRuleChanges(rule, body));
    const updated = (await this.rules.replace(who.tenantId, id, definition, this.clock.now()))!;
    await this.scheduler.schedule({ tenantId: updated.tenantId, id, intervalMs: updated.intervalMs, enabled: updated.enabled });
    return updated;
  }

  async delete(who: Principal, id: string): Promise<void> {
    await this.owned(who, id);
    await this.scheduler.unschedule(who.tenantId, id);
    await this.rules.delete(who.tenantId, id);
    await this.states.deleteRuleStates(who.tenantId, id);
  }

  /** Evaluates now, without state changes or notifications: the value per group. */
  async test(who: Principal, id: string): Promise<{ rule: AlertRule; evaluatedAt: number; groups: Evaluated[] }> {
    const rule = await this.owned(who, id);
    const now = this.clock.now();
    return { rule, evaluatedAt: now, groups: await this.evaluator.measure(rule, now) };
  }

  /** The value a rule (saved or not) had over the last 24 h, per window-sized bucket. */
  async preview(who: Principal, body: Record<string, unknown>): Promise<{ definition: AlertRuleDefinition; intervalMs: number; from: number; to: number; points: PreviewPoint[] }> {
    const { definition } = parseNewRule({ name: 'preview', ...body });
    const to = this.clock.now() - this.config.alertDelayMs;
    const from = to - DAY + 1;
    const intervalMs = Math.max(definition.condition.windowMs, Math.ceil(DAY / MAX_PREVIEW_POINTS / 60_000) * 60_000);
    const kind = definition.aggregation.type;
    if (kind === 'anomaly') return { definition, intervalMs, from, to, points: await anomalyPreview(this.anomalies, who.tenantId, definition, from, to, intervalMs) };
    const scope = { ...ruleScope(who.tenantId, definition, to), from };
    const points = await this.logs.metric(scope, {
      kind, ...(definition.aggregation.field ? { field: definition.aggregation.field } : {}),
      ...(definition.groupBy ? { groupBy: definition.groupBy, groupLimit: PREVIEW_GROUPS } : {}), intervalMs,
    });
    return { definition, intervalMs, from, to, points: points.map((p) => ({ start: p.start!, group: p.group, value: p.value })) };
  }

  private async owned(who: Principal, id: string): Promise<AlertRule> {
    const rule = await this.rules.get(who.tenantId, id);
    if (!rule) throw notFound('rule', id);
    assertCanManage(who, rule.ownerId, 'rule');
    return rule;
  }

  /** The definition with its channels checked (of this tenant) and seed 002's inline channel created. */
  private async withChannels(who: Principal, input: RuleInput): Promise<AlertRuleDefinition> {
    const definition = input.definition;
    for (const id of definition.channelIds) {
      if (!(await this.channels.get(who.tenantId, id))) throw badParameter('channels', `no channel ${id}`);
    }
    if (!input.inlineChannel) return definition;
    const channel = await this.channelsService.create(who, {
      name: `${definition.name} (${input.inlineChannel.type})`.slice(0, 100), type: input.inlineChannel.type, config: input.inlineChannel.config,
    }).catch((error) => {
      // Name the seed's fields, not the channel API's.
      const response = error?.getResponse?.();
      if (response?.field) throw badParameter(response.field === 'type' ? 'notification_channel' : response.field.replace(/^config/, 'notification_config'), String(response.message).replace(/^[^:]+: /, ''));
      throw error;
    });
    return { ...definition, channelIds: [...new Set([...definition.channelIds, channel.id])] };
  }
}
