import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { newId } from '../../platform/ids';
import { AlertMetrics } from '../alert-metrics';
import { AlertChannel } from '../channels/alert-channel';
import { AlertChannelStore } from '../channels/alert-channel-store';
import { AlertMessage } from '../channels/alert-message';
import { SendOutcome } from '../channels/channel-sender';
import { Delivery } from '../deliveries/delivery';
import { DeliveryStore } from '../deliveries/delivery-store';
import { searchLink } from '../evaluator/rule-scope';
import { AlertRule } from '../rules/alert-rule';
import { silences } from '../silences/silence';
import { SilenceStore } from '../silences/silence-store';
import { Notification } from '../state/alert-state-machine';
import { TriggeredAlert } from '../state/alert-state';
import { ChannelSenders } from './channel-senders';

/**
 * Sends an alert's notifications to the rule's channels and records every delivery. It
 * runs beside evaluation, never inside it: `notify` returns at once, each channel is sent
 * on its own, so a slow or failing channel delays neither the evaluator nor the other
 * channels. Active silences that match suppress sending (recorded as `silenced`).
 */
@Injectable()
export class AlertNotifier {
  private readonly logger = new Logger('Alerts');
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly channels: AlertChannelStore,
    private readonly silenceStore: SilenceStore,
    private readonly deliveries: DeliveryStore,
    private readonly senders: ChannelSenders,
    private readonly metrics: AlertMetrics,
    private readonly config: AppConfig,
  ) {}

  notify(rule: AlertRule, alert: TriggeredAlert, kind: Notification, at: number): void {
    this.track(this.deliverAll(rule, alert, kind, at).catch((err) => this.logger.error(`Notifying alert ${alert.id} failed: ${err?.stack ?? err}`)));
  }

  /** "Send test" of a channel: delivered now, recorded, returned. */
  async test(channel: AlertChannel, at: number): Promise<Delivery> {
    const message: AlertMessage = {
      kind: 'test', tenantId: channel.tenantId, alertId: null, ruleId: 'test', ruleName: `Test of channel ${channel.name}`, state: 'firing',
      severity: 'info', groupBy: null, group: null, value: 1, operator: '>', threshold: 0, startedAt: at, at, link: `${this.config.publicUrl}/alerts`,
    };
    return this.deliver(channel, message, null, null, false);
  }

  /** Resolves when every notification started so far has been delivered and recorded. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliverAll(rule: AlertRule, alert: TriggeredAlert, kind: Notification, at: number): Promise<void> {
    const found = await Promise.all(rule.channelIds.map((id) => this.channels.get(rule.tenantId, id)));
    const channels = found.filter((c): c is AlertChannel => c !== null);
    if (channels.length === 0) return;
    const active = await this.silenceStore.list(rule.tenantId, at);
    const silenced = active.some((s) => silences(s, { ruleId: rule.id, group: alert.group, severity: rule.severity }, at));
    const message = this.message(rule, alert, kind, at);
    for (const channel of channels) this.track(this.deliver(channel, message, alert.id, rule.id, silenced));
  }

  private message(rule: AlertRule, alert: TriggeredAlert, kind: Notification, at: number): AlertMessage {
    return {
      kind, tenantId: rule.tenantId, alertId: alert.id, ruleId: rule.id, ruleName: rule.name, state: kind === 'resolved' ? 'resolved' : 'firing',
      severity: rule.severity, groupBy: rule.groupBy, group: alert.group, value: alert.value, operator: rule.condition.operator,
      threshold: rule.condition.threshold, startedAt: alert.startedAt, at,
      link: searchLink(this.config.publicUrl, rule, alert.group, rule.condition.windowMs, at - this.config.alertDelayMs),
    };
  }

  private async deliver(channel: AlertChannel, message: AlertMessage, alertId: string | null, ruleId: string | null, silenced: boolean): Promise<Delivery> {
    const started = performance.now();
    let outcome: SendOutcome;
    if (silenced) outcome = { ok: false, httpStatus: null, error: null, attempts: 0 };
    else {
      const sender = this.senders.get(channel.type);
      outcome = sender ? await sender.send(channel, message) : { ok: false, httpStatus: null, error: `no ${channel.type} sender in this process`, attempts: 0 };
    }
    const delivery: Delivery = {
      id: newId(), tenantId: channel.tenantId, alertId, ruleId, channelId: channel.id, channelName: channel.name, channelType: channel.type,
      kind: message.kind, status: silenced ? 'silenced' : outcome.ok ? 'sent' : 'failed', httpStatus: outcome.httpStatus, error: outcome.error,
      attempts: outcome.attempts, at: message.at, durationMs: Math.round(performance.now() - started),
    };
    this.metrics.delivered(channel.type, delivery.status);
    if (delivery.status === 'failed') this.logger.warn(`Alert notification to channel ${JSON.stringify(channel.name)} failed: ${outcome.error}`);
    await this.deliveries.record(delivery);
    return delivery;
  }
}
