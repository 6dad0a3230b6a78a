import { Notification } from '../state/alert-state-machine';
import { Operator, Severity } from '../rules/alert-rule';

/** What every channel is told about an alert; each channel renders it its own way. */
export interface AlertMessage {
  kind: Notification | 'test';
  tenantId: string;
  alertId: string | null;
  ruleId: string;
  ruleName: string;
  /** `firing` for fired and reminders, `resolved` once it resolved. */
  state: 'firing' | 'resolved';
  severity: Severity;
  groupBy: string | null;
  group: string | null;
  value: number | null;
  operator: Operator;
  threshold: number;
  startedAt: number;
  at: number;
  /** Absolute link to the records behind the alert. */
  link: string;
}

/** One line that says it all, for subjects, Slack and the console. */
export function summaryLine(m: AlertMessage): string {
  const what = m.kind === 'test' ? 'TEST' : m.kind === 'reminder' ? 'STILL FIRING' : m.state.toUpperCase();
  const group = m.group === null ? '' : ` [${m.groupBy}=${m.group}]`;
  const value = m.value === null ? 'no data' : String(Math.round(m.value * 1000) / 1000);
  return `[${what}] ${m.ruleName}${group}: ${value} ${m.operator} ${m.threshold} (${m.severity})`;
}

/** The JSON body of a webhook. */
export function webhookPayload(m: AlertMessage) {
  return {
    kind: m.kind,
    state: m.state,
    rule: { id: m.ruleId, name: m.ruleName },
    alert_id: m.alertId,
    severity: m.severity,
    group_by: m.groupBy,
    group: m.group,
    value: m.value,
    operator: m.operator,
    threshold: m.threshold,
    started_at: new Date(m.startedAt).toISOString(),
    sent_at: new Date(m.at).toISOString(),
    link: m.link,
  };
}
