import { LogRecord } from '../logs/log-record';
import { LiveSelectors } from './live-matches';
import { LiveSubscriber } from './live-subscriber';
import { ServiceIndex } from './service-index';

/** Subscriber keys (the selectors name subscribers by them) and generations, distinct over the whole process. */
let nextKey = 1;
let lastGeneration = 0;

interface Filed {
  key: number;
  /** The tenant's generation when its current filter was filed. */
  generation: number;
}

/**
 * The live subscribers of one tenant, filed by the services their filter pins (ServiceIndex).
 * A subscriber without a filter yet is offered nothing. Every change (a subscriber comes,
 * goes or changes its filter) starts a new generation; the selectors of a generation are
 * what the ingest threads match records against, and a subscriber filed after the
 * generation a batch was matched in is not covered by that batch's matches.
 */
export class TenantSubscribers {
  private readonly all = new Map<LiveSubscriber, Filed>();
  private readonly byKey = new Map<number, LiveSubscriber>();
  private readonly index = new ServiceIndex<LiveSubscriber>();
  private latest = ++lastGeneration;

  /** `changed`: told after every change, with the tenant's new selectors. */
  constructor(private readonly changed: () => void = () => undefined) {}

  get size(): number {
    return this.all.size;
  }

  get generation(): number {
    return this.latest;
  }

  [Symbol.iterator](): IterableIterator<LiveSubscriber> {
    return this.all.keys();
  }

  add(subscriber: LiveSubscriber): void {
    const key = nextKey++;
    this.all.set(subscriber, { key, generation: (this.latest = ++lastGeneration) });
    this.byKey.set(key, subscriber);
    subscriber.onFilterChange = () => this.refile(subscriber);
    this.file(subscriber);
    this.changed();
  }

  delete(subscriber: LiveSubscriber): boolean {
    const filed = this.all.get(subscriber);
    if (!filed) return false;
    this.all.delete(subscriber);
    this.byKey.delete(filed.key);
    subscriber.onFilterChange = null;
    this.index.unfile(subscriber);
    this.latest = ++lastGeneration;
    this.changed();
    return true;
  }

  /** Calls `visit` for each subscriber whose filter may match `record` (each at most once). */
  forCandidates(record: LogRecord, visit: (subscriber: LiveSubscriber) => void): void {
    this.index.forCandidates(record, visit);
  }

  /** The subscriber of a selectors key, if it is still here and its filter is the one of `generation` or older. */
  coveredBy(key: number, generation: number): LiveSubscriber | undefined {
    const subscriber = this.byKey.get(key);
    return subscriber !== undefined && this.all.get(subscriber)!.generation <= generation ? subscriber : undefined;
  }

  /** The subscribers with a filter filed after `generation` (the matches of that generation miss them); null when none is. */
  uncovered(generation: number): Set<LiveSubscriber> | null {
    if (this.latest <= generation) return null;
    let out: Set<LiveSubscriber> | null = null;
    for (const [subscriber, filed] of this.all) {
      if (filed.generation > generation && subscriber.filterInput !== undefined) (out ??= new Set()).add(subscriber);
    }
    return out;
  }

  /** What the ingest threads should match this tenant's records against. */
  selectors(tenantId: string): LiveSelectors {
    const subscribers: NonNullable<LiveSelectors['subscribers']> = [];
    for (const [subscriber, { key }] of this.all) {
      const input = subscriber.filterInput;
      if (input !== undefined) subscribers.push({ key, input });
    }
    return { tenantId, generation: this.latest, subscribers };
  }

  private refile(subscriber: LiveSubscriber): void {
    const filed = this.all.get(subscriber);
    if (!filed) return;
    this.index.unfile(subscriber);
    filed.generation = this.latest = ++lastGeneration;
    this.file(subscriber);
    this.changed();
  }

  private file(subscriber: LiveSubscriber): void {
    const services = subscriber.filterServices;
    if (services !== undefined) this.index.file(subscriber, services);
  }
}
