import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { AnomaliesModule } from '../anomalies/anomalies.module';
import { LiveModule } from '../live/live.module';
import { LiveNotifier } from '../live/live-notifier';
import { AlertMetrics } from './alert-metrics';
import { ChannelRules } from './channels/alert-channel-input';
import { AlertChannelStore } from './channels/alert-channel-store';
import { AlertChannelsController } from './channels/alert-channels.controller';
import { AlertChannelsService } from './channels/alert-channels.service';
import { BrowserSender } from './channels/browser-sender';
import { ConsoleSender } from './channels/console-sender';
import { EmailSender } from './channels/email-sender';
import { OutboundUrlGuard } from './channels/outbound-url-guard';
import { SlackSender } from './channels/slack-sender';
import { MongoAlertChannelStore } from './channels/mongo-alert-channel-store';
import { SqliteAlertChannelStore } from './channels/sqlite-alert-channel-store';
import { WebhookSender } from './channels/webhook-sender';
import { DEFAULT_POST_OPTIONS } from './channels/http-poster';
import { DeliveryStore } from './deliveries/delivery-store';
import { MongoDeliveryStore } from './deliveries/mongo-delivery-store';
import { SqliteDeliveryStore } from './deliveries/sqlite-delivery-store';
import { AlertEvaluator } from './evaluator/alert-evaluator';
import { AlertNotifier } from './notifications/alert-notifier';
import { DeliveryOutbox } from './outbox/delivery-outbox';
import { MongoDeliveryOutbox } from './outbox/mongo-delivery-outbox';
import { SqliteDeliveryOutbox } from './outbox/sqlite-delivery-outbox';
import { ChannelSenders } from './notifications/channel-senders';
import { AlertRuleStore } from './rules/alert-rule-store';
import { AlertRulesController } from './rules/alert-rules.controller';
import { AlertRulesService } from './rules/alert-rules.service';
import { MongoAlertRuleStore } from './rules/mongo-alert-rule-store';
import { SqliteAlertRuleStore } from './rules/sqlite-alert-rule-store';
import { AlertEvaluationRunner } from './scheduler/alert-evaluation-runner';
import { AlertScheduler } from './scheduler/alert-scheduler';
import { BullmqAlertScheduler } from './scheduler/bullmq-alert-scheduler';
import { InProcessAlertScheduler } from './scheduler/in-process-alert-scheduler';
import { SilenceStore } from './silences/silence-store';
import { SilencesController } from './silences/silences.controller';
import { SilencesService } from './silences/silences.service';
import { MongoSilenceStore } from './silences/mongo-silence-store';
import { SqliteSilenceStore } from './silences/sqlite-silence-store';
import { AlertStateStore } from './state/alert-state-store';
import { MongoAlertStateStore } from './state/mongo-alert-state-store';
import { SqliteAlertStateStore } from './state/sqlite-alert-state-store';
import { TriggeredAlertsController } from './state/triggered-alerts.controller';
import { TriggeredAlertsService } from './state/triggered-alerts.service';

/**
 * Alerting: rules over the log read port (and the anomaly detector), evaluated on a schedule (in process, or bullmq
 * with LOGNEST_REDIS_URL), state and history in the metadata store (SQLite, or MongoDB with
 * LOGNEST_MONGODB_URL), notifications to
 * webhook, Slack, email, browser (the live stream) and console channels through an outbox.
 */
@Module({
  imports: [LiveModule, AnomaliesModule],
  controllers: [AlertRulesController, AlertChannelsController, TriggeredAlertsController, SilencesController],
  providers: [
    metadataStore(AlertRuleStore, { sqlite: (db) => new SqliteAlertRuleStore(db), mongo: MongoAlertRuleStore.create }),
    metadataStore(AlertStateStore, { sqlite: (db) => new SqliteAlertStateStore(db), mongo: MongoAlertStateStore.create }),
    metadataStore(AlertChannelStore, { sqlite: (db) => new SqliteAlertChannelStore(db), mongo: MongoAlertChannelStore.create }),
    metadataStore(DeliveryStore, { sqlite: (db) => new SqliteDeliveryStore(db), mongo: MongoDeliveryStore.create }),
    metadataStore(SilenceStore, { sqlite: (db) => new SqliteSilenceStore(db), mongo: MongoSilenceStore.create }),
    metadataStore(DeliveryOutbox, { sqlite: (db) => new SqliteDeliveryOutbox(db), mongo: MongoDeliveryOutbox.create }),
    { provide: OutboundUrlGuard, inject: [AppConfig], useFactory: (config: AppConfig) => new OutboundUrlGuard(config.webhookAllowedHosts) },
    { provide: ChannelRules, inject: [OutboundUrlGuard, AppConfig], useFactory: (guard: OutboundUrlGuard, config: AppConfig) => new ChannelRules(guard, config.smtpUrl !== null) },
    {
      provide: ChannelSenders,
      inject: [OutboundUrlGuard, AppConfig, LiveNotifier],
      useFactory: (guard: OutboundUrlGuard, config: AppConfig, live: LiveNotifier) => {
        const post = { ...DEFAULT_POST_OPTIONS, timeoutMs: config.alertSendTimeoutMs };
        return new ChannelSenders([
          new WebhookSender(guard, post), new SlackSender(guard, post), new EmailSender(config.smtpUrl, config.smtpFrom, config.alertSendTimeoutMs),
          new BrowserSender(live), new ConsoleSender(),
        ]);
      },
    },
    {
      provide: AlertScheduler,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.redisUrl ? new BullmqAlertScheduler(config.redisUrl) : new InProcessAlertScheduler()),
    },
    AlertMetrics,
    AlertNotifier,
    AlertEvaluator,
    AlertRulesService,
    AlertChannelsService,
    TriggeredAlertsService,
    SilencesService,
    AlertEvaluationRunner,
  ],
  exports: [AlertRulesService, AlertEvaluator, AlertEvaluationRunner, AlertNotifier],
})
export class AlertsModule {}
