import { LogRecord } from '../logs/log-record';
import { LiveNotification } from './client-events';

export type RecordsHandler = (tenantId: string, records: LogRecord[]) => void;
export type NotificationHandler = (tenantId: string, notification: LiveNotification) => void;

/**
 * Live traffic between Lognest processes. A process publishes the records it committed; the
 * others that have live clients of that tenant receive them (never the publisher itself).
 * Notifications reach every process, the sender included. Presence (who is connected,
 * per tenant) is shared so connected_users counts the whole tenant and a process knows
 * which tenants others listen to. One process alone: the in-process adapter; with
 * LOGNEST_REDIS_URL: Redis pub/sub.
 */
export abstract class LiveFanout {
  abstract publish(tenantId: string, records: LogRecord[]): void;
  abstract onRecords(handler: RecordsHandler): void;
  abstract notify(tenantId: string, notification: LiveNotification): void;
  abstract onNotification(handler: NotificationHandler): void;
  /**
   * Announces this process's connected users per tenant (called every second and when a
   * tenant gains its first client) and resolves to the distinct users per tenant over all
   * processes.
   */
  abstract share(presence: Map<string, Set<string>>): Promise<Map<string, number>>;
  /** Whether another process had live clients of the tenant at the last share. */
  abstract othersWant(tenantId: string): boolean;
  abstract close(): Promise<void>;
}
