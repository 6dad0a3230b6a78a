import { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { AlertMetrics } from './alert-metrics';
import { AlertChannel } from './channels/alert-channel';
import { AlertMessage } from './channels/alert-message';
import { ChannelSender, SendOutcome } from './channels/channel-sender';
import { FakeAlertChannelStore } from './channels/fake-alert-channel-store';
import { FakeDeliveryStore } from './deliveries/fake-delivery-store';
import { AlertEvaluator } from './evaluator/alert-evaluator';
import { AlertNotifier } from './notifications/alert-notifier';
import { ChannelSenders } from './notifications/channel-senders';
import { FakeAlertRuleStore } from './rules/fake-alert-rule-store';
import { FakeSilenceStore } from './silences/fake-silence-store';
import { FakeAlertStateStore } from './state/fake-alert-state-store';

/** A console-type sender that remembers what it was asked to send. */
export class RecordingSender extends ChannelSender {
  readonly type = 'console' as const;
  readonly sent: Array<{ channel: AlertChannel; message: AlertMessage }> = [];

  async send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome> {
    this.sent.push({ channel, message });
    return { ok: true, httpStatus: null, error: null, attempts: 1 };
  }
}

/** The alerting core on fakes, for unit tests: stores, a memory log store, a recording sender. */
export function createFakeAlerting(env: Record<string, string> = {}) {
  const config: AppConfig = loadConfig({ LOGNEST_ALERT_DELAY: '0s', ...env });
  const logs = new MemoryLogStore();
  const rules = new FakeAlertRuleStore();
  const states = new FakeAlertStateStore();
  const channels = new FakeAlertChannelStore();
  const silences = new FakeSilenceStore();
  const deliveries = new FakeDeliveryStore();
  const sender = new RecordingSender();
  const metrics = new AlertMetrics(new MetricsRegistry());
  const notifier = new AlertNotifier(channels, silences, deliveries, new ChannelSenders([sender]), metrics, config);
  const evaluator = () => new AlertEvaluator(logs.read, states, rules, notifier, metrics, config);
  return { config, logs, rules, states, channels, silences, deliveries, sender, metrics, notifier, evaluator: evaluator(), newEvaluator: evaluator };
}
