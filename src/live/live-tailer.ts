import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IngestRunner } from '../ingest/pipeline/ingest-runner';
import { LEVELS, LogRecord } from '../logs/log-record';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { LogsCommitted } from '../platform/events/domain-events';
import { EventBus } from '../platform/events/event-bus';
import type { Counter } from 'prom-client';
import { MetricsUpdate } from './client-events';
import { LiveEntry, liveEntryOf } from './live-entry';
import { LiveFanout } from './live-fanout';
import { LiveMatches } from './live-matches';
import { LiveMetrics } from './live-metrics';
import { LiveSubscriber } from './live-subscriber';
import { TenantSubscribers } from './tenant-subscribers';

/** What one delivery queued and dropped over all subscribers. */
class Tally {
  sent = 0;
  dropped = 0;

  add(outcome: 'queued' | 'dropped' | null | undefined): void {
    if (outcome === 'queued') this.sent++;
    else if (outcome === 'dropped') this.dropped++;
  }
}

/** How often presence is shared and metrics are computed. */
export const METRICS_INTERVAL_MS = 1_000;

/**
 * The live tail: every subscriber of every tenant, fed from `logs.committed` (records this
 * process committed, which it also hands to the fanout for other processes) and from the
 * fanout (records other processes committed). It listens only to tenants with a subscriber
 * here or elsewhere, so nothing is read for a tenant nobody watches. It tells the ingest
 * threads its subscribers' filters (IngestRunner.setLiveSelectors), and they match and
 * serialize the records as they prepare them: a committed batch then reaches its
 * subscribers without a parse or a predicate here (docs/decisions/0151). Otherwise each
 * record is mapped to its API shape and serialized once, whatever the number of subscribers.
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

  /** Tenants whose selectors changed this turn (sent to the ingest threads once per turn). */
  private readonly changedSelectors = new Set<string>();

  constructor(
    private readonly events: EventBus,
    private readonly fanout: LiveFanout,
    metrics: MetricsRegistry,
    private readonly runner: IngestRunner,
  ) {
    metrics.gauge('lognest_live_subscribers', 'Live tail subscribers (socket.io and SSE) connected to this process', [], (g) => g.set(this.subscriberCount));
    metrics.gauge('lognest_live_buffered_records', 'Records waiting in live subscribers\' buffers in this process', [], (g) => g.set(this.bufferedRecords));
    metrics.gauge('lognest_live_unsent_bytes', 'Bytes written to live subscribers\' connections (socket.io, SSE) and not yet sent, in this process', [], (g) => g.set(this.unsentBytes));
    this.sent = metrics.counter('lognest_live_records_sent_total', 'Records queued for live subscribers (one per subscriber it matched)');
    this.dropped = metrics.counter('lognest_live_records_dropped_total', 'Records a live subscriber missed: over LOGNEST_LIVE_MAX_RATE or its buffer full');
  }

  onModuleInit(): void {
    this.offCommitted = this.events.on('logs.committed', (e) => this.committed(e), (tenantId) => this.byTenant.has(tenantId) || this.fanout.othersWant(tenantId));
    this.fanout.onRecords((tenantId, records) => {
      const subscribers = this.byTenant.get(tenantId);
      if (!subscribers) return;
      this.metrics.count(tenantId, records.map((r) => r.level));
      this.deliverRecords(subscribers, records, null);
    });
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
    const tenantId = subscriber.tenantId;
    let subscribers = this.byTenant.get(tenantId);
    const first = subscribers === undefined;
    if (subscribers === undefined) {
      subscribers = new TenantSubscribers(() => this.selectorsChanged(tenantId));
      this.byTenant.set(tenantId, subscribers);
    }
    subscribers.add(subscriber);
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
    return this.sumOverSubscribers((s) => s.buffered);
  }

  /**
   * Bytes the subscribers' transports hold unsent here: bounded per subscriber by its sink
   * (an SSE response stops being written past 256 KiB unsent, a socket past 4 queued
   * packets), each write at most one buffer's worth (SUBSCRIBER_BUFFER_BYTES).
   */
  get unsentBytes(): number {
    return this.sumOverSubscribers((s) => s.unsentBytes);
  }

  private sumOverSubscribers(of: (s: LiveSubscriber) => number): number {
    let sum = 0;
    for (const subscribers of this.byTenant.values()) for (const s of subscribers) sum += of(s);
    return sum;
  }

  metricsFor(tenantId: string): MetricsUpdate {
    return this.metrics.snapshot(tenantId, this.users.get(tenantId) ?? this.localUsers(tenantId).size);
  }

  /** Called after each metrics round (the gateway pushes metrics_update then). */
  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /**
   * A committed slice of records: the subscribers its matches cover get the entries prepared
   * with them; the others (filed after the matches were made, or every one when there are
   * none) are offered the records, read from the spool only then.
   */
  private committed(e: LogsCommitted): void {
    const subscribers = this.byTenant.get(e.tenantId);
    if (subscribers && e.matches) {
      this.metrics.count(e.tenantId, Array.from(e.matches.levels, (code) => LEVELS[code]));
      this.deliverMatched(subscribers, e.matches);
      const uncovered = subscribers.uncovered(e.matches.generation);
      if (uncovered) this.deliverRecords(subscribers, e.records(), uncovered);
    } else if (subscribers) {
      const records = e.records();
      this.metrics.count(e.tenantId, records.map((r) => r.level));
      this.deliverRecords(subscribers, records, null);
    }
    if (this.fanout.othersWant(e.tenantId)) this.fanout.publish(e.tenantId, e.records());
  }

  private deliverMatched(subscribers: TenantSubscribers, matches: LiveMatches): void {
    const tally = new Tally();
    for (const entry of matches.entries) {
      for (const key of entry.keys) tally.add(subscribers.coveredBy(key, matches.generation)?.offerMatched(entry));
    }
    this.record(tally);
  }

  /** Offers each record to the subscribers whose filter may match it (only to `only`'s, when given). */
  private deliverRecords(subscribers: TenantSubscribers, records: LogRecord[], only: Set<LiveSubscriber> | null): void {
    const tally = new Tally();
    for (const record of records) {
      let entry: LiveEntry | null = null;
      const shared = () => (entry ??= liveEntryOf(record));
      subscribers.forCandidates(record, (subscriber) => {
        if (only === null || only.has(subscriber)) tally.add(subscriber.offer(record, shared));
      });
    }
    this.record(tally);
  }

  private record(tally: Tally): void {
    if (tally.sent > 0) this.sent.inc(tally.sent);
    if (tally.dropped > 0) this.dropped.inc(tally.dropped);
  }

  /** Sends the selectors of the tenants that changed this turn to the ingest threads. */
  private selectorsChanged(tenantId: string): void {
    if (this.changedSelectors.size === 0) setImmediate(() => this.sendSelectors());
    this.changedSelectors.add(tenantId);
  }

  private sendSelectors(): void {
    for (const tenantId of this.changedSelectors) {
      const subscribers = this.byTenant.get(tenantId);
      this.runner.setLiveSelectors(subscribers ? subscribers.selectors(tenantId) : { tenantId, generation: 0, subscribers: null });
    }
    this.changedSelectors.clear();
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
