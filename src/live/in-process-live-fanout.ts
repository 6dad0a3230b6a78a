import { LogRecord } from '../logs/log-record';
import { LiveNotification } from './client-events';
import { LiveFanout, NotificationHandler, RecordsHandler } from './live-fanout';

/**
 * What several in-process fanouts share, standing in for Redis: each member is one
 * "process". Production without Redis has one hub with one member.
 */
export class LiveFanoutHub {
  readonly members = new Set<InProcessLiveFanout>();
}

/** LiveFanout without Redis: peers on one hub (tests), or none at all (one process). */
export class InProcessLiveFanout extends LiveFanout {
  private readonly recordHandlers: RecordsHandler[] = [];
  private readonly notificationHandlers: NotificationHandler[] = [];
  presence = new Map<string, Set<string>>();

  constructor(private readonly hub = new LiveFanoutHub()) {
    super();
    hub.members.add(this);
  }

  publish(tenantId: string, records: LogRecord[]): void {
    for (const peer of this.peers()) {
      if (peer.presence.has(tenantId)) peer.recordHandlers.forEach((h) => h(tenantId, structuredClone(records)));
    }
  }

  onRecords(handler: RecordsHandler): void {
    this.recordHandlers.push(handler);
  }

  notify(tenantId: string, notification: LiveNotification): void {
    for (const member of this.hub.members) member.notificationHandlers.forEach((h) => h(tenantId, notification));
  }

  onNotification(handler: NotificationHandler): void {
    this.notificationHandlers.push(handler);
  }

  async share(presence: Map<string, Set<string>>): Promise<Map<string, number>> {
    this.presence = new Map([...presence].filter(([, users]) => users.size > 0));
    const users = new Map<string, Set<string>>();
    for (const member of this.hub.members) {
      for (const [tenantId, keys] of member.presence) users.set(tenantId, new Set([...(users.get(tenantId) ?? []), ...keys]));
    }
    return new Map([...users].map(([tenantId, keys]) => [tenantId, keys.size]));
  }

  othersWant(tenantId: string): boolean {
    return [...this.peers()].some((peer) => peer.presence.has(tenantId));
  }

  async close(): Promise<void> {
    this.hub.members.delete(this);
  }

  private peers(): InProcessLiveFanout[] {
    return [...this.hub.members].filter((m) => m !== this);
  }
}
