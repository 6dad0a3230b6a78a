import { LogRecord } from '../logs/log-record';
import { fieldText } from '../logs/query/record-predicate';

/**
 * Live filters filed by the services they pin (`service:api`, the service dropdown): a record
 * is offered only to the filters of its service and to those that pin none, so 50 filters
 * over 10 services cost about 5 predicate calls a record, not 50. Used for the tailer's
 * subscribers and for the matchers where records are prepared.
 */
export class ServiceIndex<T> {
  private readonly byService = new Map<string, Set<T>>();
  private readonly unpinned = new Set<T>();

  /** `services`: the services a record must be of to match (null: any). */
  file(item: T, services: ReadonlySet<string> | null): void {
    if (services === null) return void this.unpinned.add(item);
    for (const service of services) {
      const set = this.byService.get(service) ?? new Set();
      this.byService.set(service, set.add(item));
    }
  }

  unfile(item: T): void {
    this.unpinned.delete(item);
    for (const [service, set] of this.byService) {
      if (set.delete(item) && set.size === 0) this.byService.delete(service);
    }
  }

  /** Calls `visit` for each item whose filter may match `record` (each at most once). */
  forCandidates(record: LogRecord, visit: (item: T) => void): void {
    if (this.byService.size > 0) {
      const service = fieldText(record, 'service');
      if (service !== null) this.byService.get(service)?.forEach(visit);
    }
    this.unpinned.forEach(visit);
  }
}
