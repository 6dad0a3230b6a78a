import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';

/** Prometheus series of alerting: evaluations, their duration, state changes and notifications. */
@Injectable()
export class AlertMetrics {
  private readonly evaluations: Counter<'outcome'>;
  private readonly duration: Histogram;
  private readonly transitions: Counter<'to'>;
  private readonly notifications: Counter<'channel_type' | 'status'>;

  constructor(metrics: MetricsRegistry) {
    this.evaluations = metrics.counter('lognest_alert_evaluations_total', 'Rule evaluations, by outcome (ok, error)', ['outcome']);
    this.duration = metrics.histogram('lognest_alert_evaluation_seconds', 'Time to evaluate one rule');
    this.transitions = metrics.counter('lognest_alert_transitions_total', 'Alert state changes, by the state entered', ['to']);
    this.notifications = metrics.counter('lognest_alert_notifications_total', 'Notification deliveries, by channel type and status (sent, failed, silenced)', ['channel_type', 'status']);
  }

  evaluated(outcome: 'ok' | 'error', seconds: number): void {
    this.evaluations.inc({ outcome });
    this.duration.observe(seconds);
  }

  transitioned(to: string): void {
    this.transitions.inc({ to });
  }

  delivered(channelType: string, status: string): void {
    this.notifications.inc({ channel_type: channelType, status });
  }
}
