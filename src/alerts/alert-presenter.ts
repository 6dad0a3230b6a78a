import { AlertChannel, WebhookConfig } from './channels/alert-channel';
import { Delivery } from './deliveries/delivery';
import { OutboxEntry } from './outbox/outbox-entry';
import { AlertRule } from './rules/alert-rule';
import { ruleToBody } from './rules/alert-rule-input';
import { Silence } from './silences/silence';
import { AlertEvent, AlertGroupState, TriggeredAlert } from './state/alert-state';

// Response shapes of the alerting API, in one place. Times are ISO 8601.
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentRule(rule: AlertRule, states: AlertGroupState[] = []) {
  const worst = states.some((s) => s.state === 'firing') ? 'firing' : states.some((s) => s.state === 'pending') ? 'pending' : 'ok';
  const latest = states.reduce<AlertGroupState | null>((a, s) => (a === null || (s.lastEvaluatedAt ?? 0) > (a.lastEvaluatedAt ?? 0) ? s : a), null);
  return {
    id: rule.id,
    ...ruleToBody(rule),
    owner: { id: rule.ownerId, username: rule.ownerName },
    created_at: iso(rule.createdAt),
    updated_at: iso(rule.updatedAt),
    statistics: { times_fired: rule.timesFired, last_fired_at: iso(rule.lastFiredAt) },
    status: {
      state: worst,
      firing_groups: states.filter((s) => s.state === 'firing').length,
      pending_groups: states.filter((s) => s.state === 'pending').length,
      last_value: latest?.lastValue ?? null,
      last_evaluated_at: iso(latest?.lastEvaluatedAt ?? null),
      // Ungrouped rules: the value of each recent evaluation, for the sparkline.
      recent: rule.groupBy === null && latest ? latest.recent.map(([at, value]) => ({ at: iso(at), value })) : [],
    },
  };
}

export function presentAlert(a: TriggeredAlert, link: string) {
  return {
    id: a.id,
    rule_id: a.ruleId,
    rule_name: a.ruleName,
    state: a.state,
    acknowledged: a.acknowledgedAt !== null,
    severity: a.severity,
    group_by: a.groupBy,
    group: a.group,
    value: a.value,
    operator: a.operator,
    threshold: a.threshold,
    started_at: iso(a.startedAt),
    fired_at: iso(a.firedAt),
    resolved_at: iso(a.resolvedAt),
    last_evaluated_at: iso(a.lastEvaluatedAt),
    acknowledged_at: iso(a.acknowledgedAt),
    acknowledged_by: a.acknowledgedBy,
    acknowledge_note: a.acknowledgeNote,
    resolved_by: a.resolvedBy,
    resolve_note: a.resolveNote,
    link,
  };
}

export function presentEvent(e: AlertEvent) {
  return { id: e.id, rule_id: e.ruleId, alert_id: e.alertId, group: e.group, from: e.from, to: e.to, value: e.value, cause: e.cause, note: e.note, at: iso(e.at) };
}

export function presentDelivery(d: Delivery) {
  return {
    id: d.id, alert_id: d.alertId, channel_id: d.channelId, channel_name: d.channelName, channel_type: d.channelType, kind: d.kind,
    status: d.status, http_status: d.httpStatus, error: d.error, attempts: d.attempts, at: iso(d.at), duration_ms: d.durationMs,
  };
}

/** A notification of the alert to one channel, as the outbox has it: pending (with its next try) or settled. */
export function presentNotification(e: OutboxEntry) {
  return {
    id: e.id, kind: e.message.kind, channel_id: e.channelId, status: e.status, rounds: e.rounds, last_error: e.lastError,
    next_attempt_at: e.status === 'pending' ? iso(e.nextAttemptAt) : null, created_at: iso(e.createdAt),
  };
}

/** A webhook's secret never leaves: only whether it has one. */
export function presentChannel(c: AlertChannel) {
  const config = c.type === 'webhook'
    ? (({ secret, ...rest }: WebhookConfig) => ({ ...rest, has_secret: Boolean(secret) }))(c.config as WebhookConfig)
    : c.config;
  return { id: c.id, name: c.name, type: c.type, config, owner_id: c.ownerId, created_at: iso(c.createdAt), updated_at: iso(c.updatedAt) };
}

export function presentSilence(s: Silence, now: number) {
  return {
    id: s.id,
    matchers: { ...(s.matchers.ruleId ? { rule_id: s.matchers.ruleId } : {}), ...(s.matchers.group !== undefined ? { group: s.matchers.group } : {}), ...(s.matchers.severity ? { severity: s.matchers.severity } : {}) },
    starts_at: iso(s.startsAt),
    ends_at: iso(s.endsAt),
    comment: s.comment,
    created_by: s.ownerName,
    created_at: iso(s.createdAt),
    active: now >= s.startsAt && now < s.endsAt,
  };
}
