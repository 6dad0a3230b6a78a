import { ConflictException, Injectable } from '@nestjs/common';
import { Principal } from '../../auth/auth-types';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { assertCanManage, notFound } from '../alert-access';
import { Delivery } from '../deliveries/delivery';
import { DeliveryStore } from '../deliveries/delivery-store';
import { AlertNotifier } from '../notifications/alert-notifier';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { AlertChannel } from './alert-channel';
import { ChannelInput, ChannelRules, parseChannelChanges, parseNewChannel } from './alert-channel-input';
import { AlertChannelStore } from './alert-channel-store';

/** Named notification channels of a tenant; members change their own, admins any. */
@Injectable()
export class AlertChannelsService {
  constructor(
    private readonly channels: AlertChannelStore,
    private readonly rules: AlertRuleStore,
    private readonly deliveries: DeliveryStore,
    private readonly notifier: AlertNotifier,
    private readonly channelRules: ChannelRules,
    private readonly clock: Clock,
  ) {}

  list(who: Principal): Promise<AlertChannel[]> {
    return this.channels.list(who.tenantId);
  }

  async get(who: Principal, id: string): Promise<{ channel: AlertChannel; deliveries: Delivery[] }> {
    const channel = await this.channels.get(who.tenantId, id);
    if (!channel) throw notFound('channel', id);
    return { channel, deliveries: await this.deliveries.forChannel(who.tenantId, id, 20) };
  }

  async create(who: Principal, body: Record<string, unknown>): Promise<AlertChannel> {
    return this.add(who, parseNewChannel(body, this.channelRules));
  }

  /** Also the inline channel of a seed 002 rule, already parsed. */
  async add(who: Principal, input: ChannelInput): Promise<AlertChannel> {
    const now = this.clock.now();
    const channel: AlertChannel = { id: newId(), tenantId: who.tenantId, ownerId: who.userId, ...input, createdAt: now, updatedAt: now };
    await this.channels.create(channel);
    return channel;
  }

  async update(who: Principal, id: string, body: Record<string, unknown>): Promise<AlertChannel> {
    const channel = await this.owned(who, id);
    const input = parseChannelChanges(channel, body, this.channelRules);
    return (await this.channels.update(who.tenantId, id, { ...input, updatedAt: this.clock.now() }))!;
  }

  async delete(who: Principal, id: string): Promise<void> {
    await this.owned(who, id);
    const users = (await this.rules.list(who.tenantId)).filter((r) => r.channelIds.includes(id));
    if (users.length > 0) {
      throw new ConflictException({ success: false, error: 'in_use', message: `Channel ${id} is used by rules: ${users.map((r) => r.name).join(', ')}` });
    }
    await this.channels.delete(who.tenantId, id);
  }

  async test(who: Principal, id: string): Promise<Delivery> {
    const channel = await this.owned(who, id);
    return this.notifier.test(channel, this.clock.now());
  }

  private async owned(who: Principal, id: string): Promise<AlertChannel> {
    const channel = await this.channels.get(who.tenantId, id);
    if (!channel) throw notFound('channel', id);
    assertCanManage(who, channel.ownerId, 'channel');
    return channel;
  }
}
