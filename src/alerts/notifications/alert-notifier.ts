import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { AlertMetrics } from '../alert-metrics';
import { AlertChannel } from '../channels/alert-channel';
import { AlertChannelStore } from '../channels/alert-channel-store';
import { AlertMessage } from '../channels/alert-message';
import { SendOutcome } from '../channels/channel-sender';
import { Delivery, DeliveryStatus } from '../deliveries/delivery';
import { DeliveryStore } from '../deliveries/delivery-store';
import { searchLink } from '../evaluator/rule-scope';
import { DeliveryOutbox } from '../outbox/delivery-outbox';
import { NotificationIntent } from '../outbox/notification-intent';
import { OutboxEntry } from '../outbox/outbox-entry';
import { nextRound, sendLeaseMs } from '../outbox/outbox-policy';
import { AlertRule } from '../rules/alert-rule';
import { silences } from '../silences/silence';
import { SilenceStore } from '../silences/silence-store';
import { Notification } from '../state/alert-state-machine';
import { AlertGroupState, TriggeredAlert } from '../state/alert-state';
import { AlertStateStore } from '../state/alert-state-store';
import { ChannelSenders } from './channel-senders';

const DUE_BATCH = 100;
const CLEAR_TRIES = 5;

/**
 * Alert notifications, at least once and without duplicates (decision 0055):
 * 1. a state change commits its notification (`intent`) in the group's state, in the same
 *    write as the change;
 * 2. `dispatch` turns each committed intent into one outbox entry per channel (ids derived
 *    from the intent, so doing it twice adds nothing), records silenced ones, and drops the
 *    intent from the state;
 * 3. each due entry is claimed with a lease and sent once; a failed round is retried with
 *    backoff; a process that died mid-send leaves a lease that runs out, and the next send
 *    carries the same idempotency key (the entry id).
 * It runs beside evaluation, never inside it: each channel is sent on its own, so a slow or
 * failing channel delays neither the evaluator nor the other channels.
 */
@Injectable()
export class AlertNotifier {
  private readonly logger = new Logger('Alerts');
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly channels: AlertChannelStore,
    private readonly silenceStore: SilenceStore,
    private readonly deliveries: DeliveryStore,
    private readonly outbox: DeliveryOutbox,
    private readonly states: AlertStateStore,
    private readonly senders: ChannelSenders,
    private readonly metrics: AlertMetrics,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The notification a state change commits; null when the rule has no channel to tell. */
  intent(rule: AlertRule, alert: TriggeredAlert, kind: Notification, at: number): NotificationIntent | null {
    if (rule.channelIds.length === 0) return null;
    const message: AlertMessage = {
      kind, tenantId: rule.tenantId, alertId: alert.id, ruleId: rule.id, ruleName: rule.name, state: kind === 'resolved' ? 'resolved' : 'firing',
      severity: rule.severity, groupBy: rule.groupBy, group: alert.group, value: alert.value, operator: rule.condition.operator,
      threshold: rule.condition.threshold, startedAt: alert.startedAt, at,
      link: searchLink(this.config.publicUrl, rule, alert.group, rule.condition.windowMs, at - this.config.alertDelayMs),
    };
    return { id: newId(), message, channelIds: [...rule.channelIds] };
  }

  /** After a commit: hands the state's unsent intents to the outbox and sends what is due. Returns at once. */
  dispatch(tenantId: string, state: Pick<AlertGroupState, 'ruleId' | 'groupKey' | 'unsent'>): void {
    const intents = state.unsent ?? [];
    if (intents.length === 0) return;
    this.track(this.handOver(tenantId, state.ruleId, state.groupKey, intents).then(() => this.drain(tenantId)));
  }

  /** Intents a crash left in the states of these rules (committed, never handed over). */
  async recover(tenantId: string, ruleIds: string[]): Promise<void> {
    for (const ruleId of ruleIds) {
      for (const state of await this.states.groupStates(tenantId, ruleId)) {
        if (state.unsent?.length) await this.handOver(tenantId, ruleId, state.groupKey, state.unsent);
      }
    }
  }

  /** Sends the tenant's due entries: new ones, retries, and those a dead process left leased. */
  async drain(tenantId: string): Promise<void> {
    const due = await this.outbox.due(tenantId, this.clock.now(), DUE_BATCH);
    await Promise.all(due.map((entry) => this.track(this.sendRound(tenantId, entry.id))));
  }

  /** "Send test" of a channel: delivered now, recorded, returned (interactive, so not through the outbox). */
  async test(channel: AlertChannel, at: number): Promise<Delivery> {
    const message: AlertMessage = {
      kind: 'test', tenantId: channel.tenantId, alertId: null, ruleId: 'test', ruleName: `Test of channel ${channel.name}`, state: 'firing',
      severity: 'info', groupBy: null, group: null, value: 1, operator: '>', threshold: 0, startedAt: at, at, link: `${this.config.publicUrl}/alerts`,
    };
    const started = performance.now();
    const outcome = await this.send(channel, message, `test.${newId()}`);
    return this.record(channel, message, outcome.ok ? 'sent' : 'failed', outcome, started);
  }

  /** Resolves when every notification started so far has been handed over, sent and recorded. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T | void> {
    const guarded = work.catch((err) => this.logger.error(`Alert notification failed: ${err?.stack ?? err}`));
    this.inFlight.add(guarded);
    void guarded.finally(() => this.inFlight.delete(guarded));
    return guarded;
  }

  private async handOver(tenantId: string, ruleId: string, groupKey: string, intents: NotificationIntent[]): Promise<void> {
    for (const intent of intents) {
      const entries = await this.entriesOf(tenantId, intent);
      const added = new Set(await this.outbox.add(tenantId, entries));
      for (const entry of entries.filter((e) => e.status === 'silenced' && added.has(e.id))) {
        const channel = await this.channels.get(tenantId, entry.channelId);
        if (channel) await this.record(channel, entry.message, 'silenced', { ok: false, httpStatus: null, error: null, attempts: 0 }, performance.now());
      }
    }
    await this.dropIntents(tenantId, ruleId, groupKey, new Set(intents.map((i) => i.id)));
  }

  private async entriesOf(tenantId: string, intent: NotificationIntent): Promise<OutboxEntry[]> {
    const m = intent.message;
    // Silences active when the alert changed state apply, however late the hand-over runs.
    const active = await this.silenceStore.list(tenantId, m.at);
    const silenced = m.alertId !== null && active.some((s) => silences(s, { ruleId: m.ruleId, group: m.group, severity: m.severity }, m.at));
    const now = this.clock.now();
    return intent.channelIds.map((channelId) => ({
      id: `${intent.id}.${channelId}`, tenantId, intentId: intent.id, alertId: m.alertId, ruleId: m.ruleId, channelId, message: m,
      status: silenced ? 'silenced' : 'pending', rounds: 0, nextAttemptAt: now, lastError: null, createdAt: now,
    }));
  }

  /** Drops handed-over intents from the group's state (compare-and-set, retried against a racing evaluation). */
  private async dropIntents(tenantId: string, ruleId: string, groupKey: string, ids: Set<string>): Promise<void> {
    for (let attempt = 0; attempt < CLEAR_TRIES; attempt++) {
      const state = await this.states.groupState(tenantId, ruleId, groupKey);
      if (!state || !(state.unsent ?? []).some((i) => ids.has(i.id))) return;
      const { version, ...current } = state;
      const unsent = (state.unsent ?? []).filter((i) => !ids.has(i.id));
      if (await this.states.commit(tenantId, { state: { ...current, unsent }, expectedVersion: version })) return;
    }
    // Left in place: the next hand-over of this state adds nothing twice.
  }

  private async sendRound(tenantId: string, id: string): Promise<void> {
    const token = randomUUID();
    const claimedAt = this.clock.now();
    const entry = await this.outbox.claim(tenantId, id, claimedAt, claimedAt + sendLeaseMs(this.config.alertSendTimeoutMs), token);
    if (!entry) return;
    const started = performance.now();
    const channel = await this.channels.get(tenantId, entry.channelId);
    const outcome: SendOutcome = channel
      ? await this.send(channel, entry.message, entry.id)
      : { ok: false, httpStatus: null, error: 'the channel was deleted', attempts: 0, retryable: false };
    const next = nextRound(entry, outcome, this.clock.now());
    if (!(await this.outbox.settle(tenantId, entry.id, token, next))) {
      this.logger.warn(`Alert notification ${entry.id} took longer than its lease; another send may follow`);
    }
    const status: DeliveryStatus = next.status === 'pending' ? 'retrying' : next.status === 'sent' ? 'sent' : 'failed';
    if (status !== 'sent') this.logger.warn(`Alert notification to channel ${JSON.stringify(channel?.name ?? entry.channelId)} failed: ${outcome.error}${status === 'retrying' ? ' (will retry)' : ''}`);
    if (channel) await this.record(channel, entry.message, status, outcome, started);
  }

  private async send(channel: AlertChannel, message: AlertMessage, deliveryId: string): Promise<SendOutcome> {
    const sender = this.senders.get(channel.type);
    if (!sender) return { ok: false, httpStatus: null, error: `no ${channel.type} sender in this process`, attempts: 0, retryable: false };
    return sender.send(channel, message, { deliveryId });
  }

  private async record(channel: AlertChannel, message: AlertMessage, status: DeliveryStatus, outcome: SendOutcome, started: number): Promise<Delivery> {
    const delivery: Delivery = {
      id: newId(), tenantId: channel.tenantId, alertId: message.alertId, ruleId: message.alertId === null ? null : message.ruleId, channelId: channel.id,
      channelName: channel.name, channelType: channel.type, kind: message.kind, status, httpStatus: outcome.httpStatus, error: outcome.error,
      attempts: outcome.attempts, at: this.clock.now(), durationMs: Math.round(performance.now() - started),
    };
    this.metrics.delivered(channel.type, status);
    await this.deliveries.record(delivery);
    return delivery;
  }
}
