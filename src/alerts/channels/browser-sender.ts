import { LiveNotification, NotificationSeverity } from '../../live/client-events';
import { LiveNotifier } from '../../live/live-notifier';
import { Severity } from '../rules/alert-rule';
import { AlertChannel } from './alert-channel';
import { AlertMessage } from './alert-message';
import { ChannelSender, SendOutcome } from './channel-sender';

/** high is the live stream's `error`: pages sound and show a Notification for error and critical. */
const LIVE_SEVERITY: Record<Severity, NotificationSeverity> = { info: 'info', warning: 'warning', high: 'error', critical: 'critical' };

/** The live `notification` of an alert message. Text only: pages render it with textContent. */
export function browserNotification(m: AlertMessage): Omit<LiveNotification, 'timestamp'> & { timestamp: string } {
  const what = m.kind === 'test' ? 'Test' : m.kind === 'reminder' ? 'Still firing' : m.state === 'resolved' ? 'Resolved' : 'Firing';
  const group = m.group === null ? '' : `${m.groupBy}=${m.group}: `;
  const value = m.value === null ? 'no data' : String(Math.round(m.value * 1000) / 1000);
  return {
    kind: 'alert',
    title: `${what}: ${m.ruleName}`,
    message: `${group}${value} ${m.operator} ${m.threshold} (${m.severity})`,
    // A resolution is good news: shown, but it neither sounds nor pops up.
    severity: m.state === 'resolved' || m.kind === 'test' ? 'info' : LIVE_SEVERITY[m.severity],
    url: m.alertId === null ? '/alerts' : `/alerts?alert=${encodeURIComponent(m.alertId)}`,
    timestamp: new Date(m.at).toISOString(),
  };
}

/**
 * Pushes the alert to the open pages of the channel's tenant, in every Lognest process, over
 * the live stream. Nobody connected means nobody is told: that is still a delivery.
 */
export class BrowserSender extends ChannelSender {
  readonly type = 'browser' as const;

  constructor(private readonly live: LiveNotifier) {
    super();
  }

  async send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome> {
    this.live.notifyTenant(channel.tenantId, browserNotification(message));
    return { ok: true, httpStatus: null, error: null, attempts: 1 };
  }
}
