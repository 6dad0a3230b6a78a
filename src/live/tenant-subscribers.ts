import { LogRecord } from '../logs/log-record';
import { fieldText } from '../logs/query/record-predicate';
import { LiveSubscriber } from './live-subscriber';

/**
 * The live subscribers of one tenant, filed by the services their filter pins (`service:api`,
 * the service dropdown): a record is offered only to the subscribers of its service and to
 * those whose filter pins none, so 50 subscribers watching 10 services cost about 5 predicate
 * calls a record, not 50. A subscriber without a filter yet is offered nothing.
 */
export class TenantSubscribers {
  private readonly all = new Set<LiveSubscriber>();
  private readonly byService = new Map<string, Set<LiveSubscriber>>();
  private readonly unpinned = new Set<LiveSubscriber>();

  get size(): number {
    return this.all.size;
  }

  [Symbol.iterator](): IterableIterator<LiveSubscriber> {
    return this.all.values();
  }

  add(subscriber: LiveSubscriber): void {
    this.all.add(subscriber);
    subscriber.onFilterChange = () => this.refile(subscriber);
    this.file(subscriber);
  }

  delete(subscriber: LiveSubscriber): boolean {
    if (!this.all.delete(subscriber)) return false;
    subscriber.onFilterChange = null;
    this.unfile(subscriber);
    return true;
  }

  /** Calls `visit` for each subscriber whose filter may match `record` (each at most once). */
  forCandidates(record: LogRecord, visit: (subscriber: LiveSubscriber) => void): void {
    if (this.byService.size > 0) {
      const service = fieldText(record, 'service');
      if (service !== null) this.byService.get(service)?.forEach(visit);
    }
    this.unpinned.forEach(visit);
  }

  private refile(subscriber: LiveSubscriber): void {
    this.unfile(subscriber);
    if (this.all.has(subscriber)) this.file(subscriber);
  }

  private file(subscriber: LiveSubscriber): void {
    const services = subscriber.filterServices;
    if (services === undefined) return;
    if (services === null) return void this.unpinned.add(subscriber);
    for (const service of services) {
      const set = this.byService.get(service) ?? new Set();
      this.byService.set(service, set.add(subscriber));
    }
  }

  private unfile(subscriber: LiveSubscriber): void {
    this.unpinned.delete(subscriber);
    for (const [service, set] of this.byService) {
      if (set.delete(subscriber) && set.size === 0) this.byService.delete(service);
    }
  }
}
