import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { LogRecord } from '../logs/log-record';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { EventBus } from '../platform/events/event-bus';
import type { Counter } from 'prom-client';
import { MetricsUpdate } from './client-events';
import { LiveEntry } from './live-entry';
import { LiveFanout } from './live-fanout';
import { LiveMetrics } from './live-metrics';
import { LiveSubscriber } from './live-subscriber';
import { TenantSubscribers } from './tenant-subscribers';

/** How often presence is shared and metrics are computed. */
export const METRICS_INTERVAL_MS = 1_000;

/**
 * The live tail: every subscriber of every tenant, fed from `logs.committed` (records this
 * process committed, which it also hands to the fanout for other processes) and from the
 * fanout (records other processes committed). It listens only to tenants with a subscriber
 * here or elsewhere, so no spool line is parsed for a tenant nobody watches, and each record
 * is mapped to its API shape and serialized once, whatever the number of subscribers.
 */
@Injectable()
export class LiveTailer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveTailer');
  private readonly byTenant = new Map<string, TenantSubscribers>();
  private readonly metrics = new LiveMetrics();
  private users = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private offCommitted: (() => void) | null = null;
  private readonly tickListeners = new Set<() => void>();
  private readonly sent: Counter;
  private readonly dropped: Counter;

  constructor(
    private readonly events: EventBus,
    private readonly fanout: LiveFanout,
    metrics: MetricsRegistry,
  ) {
    metrics.gauge('lognest_live_subscribers', 'Live tail subscribers (socket.io and SSE) connected to this process', [], (g) => g.set(this.subscriberCount));
    metrics.gauge('lognest_live_buffered_records', 'Records waiting in live subscribers\' buffers in this process', [], (g) => g.set(this.bufferedRecords));
    this.sent = metrics.counter('lognest_live_records_sent_total', 'Records queued for live subscribers (one per subscriber it matched)');
    this.dropped = metrics.counter('lognest_live_records_dropped_total', 'Records a live subscriber missed: over LOGNEST_LIVE_MAX_RATE or its buffer full');
  }

  onModuleInit(): void {
    this.offCommitted = this.events.on(
      'logs.committed',
      (e) => {
        this.deliver(e.tenantId, e.records);
        this.fanout.publish(e.tenantId, e.records);
      },
      (tenantId) => this.byTenant.has(tenantId) || this.fanout.othersWant(tenantId),
    );
    this.fanout.onRecords((tenantId, records) => this.deliver(tenantId, records));
    this.timer = setInterval(() => void this.tick(), METRICS_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.offCommitted?.();
    for (const subscribers of this.byTenant.values()) for (const s of subscribers) s.close();
    this.byTenant.clear();
    await this.fanout.close();
  }

  add(subscriber: LiveSubscriber): void {
    const subscribers = this.byTenant.get(subscriber.tenantId) ?? new TenantSubscribers();
    const first = subscribers.size === 0;
    subscribers.add(subscriber);
    this.byTenant.set(subscriber.tenantId, subscribers);
    if (first) void this.sharePresence();
  }

  remove(subscriber: LiveSubscriber): void {
    subscriber.close();
    const subscribers = this.byTenant.get(subscriber.tenantId);
    if (!subscribers?.delete(subscriber) || subscribers.size > 0) return;
    this.byTenant.delete(subscriber.tenantId);
    this.metrics.forget(subscriber.tenantId);
  }

  /** Subscribers of every tenant in this process (tests check that none is left behind). */
  get subscriberCount(): number {
    return [...this.byTenant.values()].reduce((n, s) => n + s.size, 0);
  }

  /** Records waiting in every subscriber's buffer here (bounded: SUBSCRIBER_BUFFER each). */
  get bufferedRecords(): number {
    return [...this.byTenant.values()].reduce((n, set) => n + [...set].reduce((m, s) => m + s.buffered, 0), 0);
  }

  metricsFor(tenantId: string): MetricsUpdate {
    return this.metrics.snapshot(tenantId, this.users.get(tenantId) ?? this.localUsers(tenantId).size);
  }

  /** Called after each metrics round (the gateway pushes metrics_update then). */
  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  private deliver(tenantId: string, records: LogRecord[]): void {
    const subscribers = this.byTenant.get(tenantId);
    if (!subscribers) return;
    this.metrics.count(tenantId, records);
    let sent = 0;
    let dropped = 0;
    for (const record of records) {
      let entry: LiveEntry | null = null;
      const shared = () => (entry ??= LiveEntry.of(record));
      subscribers.forCandidates(record, (subscriber) => {
        const outcome = subscriber.offer(record, shared);
        if (outcome === 'queued') sent++;
        else if (outcome === 'dropped') dropped++;
      });
    }
    if (sent > 0) this.sent.inc(sent);
    if (dropped > 0) this.dropped.inc(dropped);
  }

  private localUsers(tenantId: string): Set<string> {
    return new Set([...(this.byTenant.get(tenantId) ?? [])].map((s) => s.userKey));
  }

  private async sharePresence(): Promise<void> {
    const presence = new Map([...this.byTenant.keys()].map((t) => [t, this.localUsers(t)]));
    try {
      this.users = await this.fanout.share(presence);
    } catch (err) {
      this.logger.warn(`sharing live presence failed: ${(err as Error).message}`);
    }
  }

  private async tick(): Promise<void> {
    await this.sharePresence();
    this.tickListeners.forEach((l) => l());
  }
}
