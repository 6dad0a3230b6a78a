import { ChannelType } from '../channels/alert-channel';
import { ChannelSender } from '../channels/channel-sender';

/** The sender of each channel type this process can deliver to. */
export class ChannelSenders {
  private readonly byType = new Map<ChannelType, ChannelSender>();

  constructor(senders: ChannelSender[]) {
    for (const sender of senders) this.byType.set(sender.type, sender);
  }

  get(type: ChannelType): ChannelSender | undefined {
    return this.byType.get(type);
  }

  types(): ChannelType[] {
    return [...this.byType.keys()];
  }
}
