import { FakePatternStore } from '../patterns/fake-pattern-store';
import { AnomalyDetector } from '../anomalies/anomaly-detector.service';
import { AppConfig } from '../config/app-config';
import { ManualClock } from '../platform/clock';
import { loadConfig } from '../config/load-config';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { AlertMetrics } from './alert-metrics';
import { AlertChannel } from './channels/alert-channel';
import { AlertMessage } from './channels/alert-message';
import { ChannelSender, SendOptions, SendOutcome } from './channels/channel-sender';
import { FakeAlertChannelStore } from './channels/fake-alert-channel-store';
import { FakeDeliveryStore } from './deliveries/fake-delivery-store';
import { FakeDeliveryOutbox } from './outbox/fake-delivery-outbox';
import { AlertEvaluator } from './evaluator/alert-evaluator';
import { AlertNotifier } from './notifications/alert-notifier';
import { ChannelSenders } from './notifications/channel-senders';
import { FakeAlertRuleStore } from './rules/fake-alert-rule-store';
import { FakeSilenceStore } from './silences/fake-silence-store';
import { FakeAlertStateStore } from './state/fake-alert-state-store';

/** A console-type sender that remembers what it was asked to send. */
export class RecordingSender extends ChannelSender {
  readonly type = 'console' as const;
  readonly sent: Array<{ channel: AlertChannel; message: AlertMessage; deliveryId: string | undefined }> = [];
  /** What the next sends answer (then `ok`); a function may hold a send open. */
  readonly answers: Array<SendOutcome | (() => Promise<SendOutcome>)> = [];

  async send(channel: AlertChannel, message: AlertMessage, options: SendOptions = {}): Promise<SendOutcome> {
    this.sent.push({ channel, message, deliveryId: options.deliveryId });
    const answer = this.answers.shift();
    if (typeof answer === 'function') return answer();
    return answer ?? { ok: true, httpStatus: null, error: null, attempts: 1 };
  }
}

/** The alerting core on fakes, for unit tests: stores, a memory log store, a recording sender, a hand-moved clock. */
export function createFakeAlerting(env: Record<string, string> = {}, clock = new ManualClock(Date.UTC(2026, 5, 1, 12, 0, 0))) {
  const config: AppConfig = loadConfig({ LOGNEST_ALERT_DELAY: '0s', ...env });
  const logs = new MemoryLogStore();
  const rules = new FakeAlertRuleStore();
  const states = new FakeAlertStateStore();
  const channels = new FakeAlertChannelStore();
  const silences = new FakeSilenceStore();
  const deliveries = new FakeDeliveryStore();
  const outbox = new FakeDeliveryOutbox();
  const sender = new RecordingSender();
  const metrics = new AlertMetrics(new MetricsRegistry());
  // A second notifier on the same stores is a restarted process.
  const newNotifier = () => new AlertNotifier(channels, silences, deliveries, outbox, states, new ChannelSenders([sender]), metrics, clock, config);
  const notifier = newNotifier();
  const evaluator = (n = notifier) => new AlertEvaluator(logs.read, new AnomalyDetector(logs.read, new FakePatternStore()), states, rules, n, metrics, config);
  return { config, clock, logs, rules, states, channels, silences, deliveries, outbox, sender, metrics, notifier, newNotifier, evaluator: evaluator(), newEvaluator: evaluator };
}
