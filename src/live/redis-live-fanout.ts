import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LogRecord } from '../logs/log-record';
import { REDIS_KEY_PREFIX } from '../platform/redis/redis-connection';
import { LiveNotification } from './client-events';
import { LiveFanout, NotificationHandler, RecordsHandler } from './live-fanout';

/** A process that stops sharing its presence (crashed) is forgotten after this long. */
const PRESENCE_TTL_MS = 5_000;

type Member = [processId: string, tenantId: string, userKey: string];

/**
 * LiveFanout over Redis: committed records and notifications on pub/sub channels, presence
 * in one sorted set (`<prefix>live:presence`, members [process, tenant, user] scored by
 * expiry). A process publishes a tenant's records only while another one has its clients,
 * and a tenant's first client is announced at once on `live:interest`, so a new subscriber
 * elsewhere does not wait for the next presence round.
 */
export class RedisLiveFanout extends LiveFanout {
  private readonly logger = new Logger('LiveFanout');
  private readonly processId = randomUUID();
  private readonly recordHandlers: RecordsHandler[] = [];
  private readonly notificationHandlers: NotificationHandler[] = [];
  private othersTenants = new Set<string>();
  private ownMembers = new Set<string>();
  private ownTenants = new Set<string>();

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  static async open(redis: Redis, prefix = REDIS_KEY_PREFIX): Promise<RedisLiveFanout> {
    const fanout = new RedisLiveFanout(redis, redis.duplicate(), prefix);
    await fanout.subscriber.subscribe(fanout.channel('records'), fanout.channel('notify'), fanout.channel('interest'));
    fanout.subscriber.on('message', (channel: string, message: string) => fanout.receive(channel, message));
    return fanout;
  }

  publish(tenantId: string, records: LogRecord[]): void {
    if (!this.othersTenants.has(tenantId) || records.length === 0) return;
    this.send('records', { from: this.processId, tenantId, records });
  }

  onRecords(handler: RecordsHandler): void {
    this.recordHandlers.push(handler);
  }

  notify(tenantId: string, notification: LiveNotification): void {
    this.send('notify', { tenantId, notification });
  }

  onNotification(handler: NotificationHandler): void {
    this.notificationHandlers.push(handler);
  }

  async share(presence: Map<string, Set<string>>): Promise<Map<string, number>> {
    const key = `${this.prefix}live:presence`;
    const now = Date.now();
    const members = new Set<string>();
    for (const [tenantId, users] of presence) for (const user of users) members.add(JSON.stringify([this.processId, tenantId, user]));
    const gone = [...this.ownMembers].filter((m) => !members.has(m));
    const multi = this.redis.multi();
    if (members.size > 0) multi.zadd(key, ...[...members].flatMap((m) => [String(now + PRESENCE_TTL_MS), m]));
    if (gone.length > 0) multi.zrem(key, ...gone);
    multi.zremrangebyscore(key, '-inf', String(now)).zrange(key, '0', '-1');
    const replies = (await multi.exec()) ?? [];
    this.ownMembers = members;
    for (const tenantId of presence.keys()) {
      if (!this.ownTenants.has(tenantId)) this.send('interest', { from: this.processId, tenantId });
    }
    this.ownTenants = new Set(presence.keys());
    const [err, all] = replies[replies.length - 1] ?? [null, []];
    if (err) throw err;
    const users = new Map<string, Set<string>>();
    const others = new Set<string>();
    for (const raw of all as string[]) {
      const [processId, tenantId, user] = JSON.parse(raw) as Member;
      users.set(tenantId, (users.get(tenantId) ?? new Set()).add(user));
      if (processId !== this.processId) others.add(tenantId);
    }
    this.othersTenants = others;
    return new Map([...users].map(([tenantId, keys]) => [tenantId, keys.size]));
  }

  othersWant(tenantId: string): boolean {
    return this.othersTenants.has(tenantId);
  }

  async close(): Promise<void> {
    if (this.ownMembers.size > 0) await this.redis.zrem(`${this.prefix}live:presence`, ...this.ownMembers).catch(() => undefined);
    this.subscriber.disconnect();
  }

  private channel(name: 'records' | 'notify' | 'interest'): string {
    return `${this.prefix}live:${name}`;
  }

  private send(name: 'records' | 'notify' | 'interest', payload: unknown): void {
    this.redis.publish(this.channel(name), JSON.stringify(payload)).catch((err: Error) => this.logger.warn(`live ${name}: ${err.message}`));
  }

  private receive(channel: string, message: string): void {
    try {
      this.dispatch(channel, JSON.parse(message));
    } catch (err) {
      this.logger.warn(`live message on ${channel}: ${(err as Error).message}`);
    }
  }

  private dispatch(channel: string, payload: { from?: string; tenantId: string; records?: LogRecord[]; notification?: LiveNotification }): void {
    if (channel === this.channel('records')) {
      if (payload.from !== this.processId) this.recordHandlers.forEach((h) => h(payload.tenantId, payload.records!));
    } else if (channel === this.channel('notify')) {
      this.notificationHandlers.forEach((h) => h(payload.tenantId, payload.notification!));
    } else if (payload.from !== this.processId) {
      this.othersTenants.add(payload.tenantId);
    }
  }
}
