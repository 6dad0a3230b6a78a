import { AlertChannel, ChannelType } from './alert-channel';
import { AlertMessage } from './alert-message';

export interface SendOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  attempts: number;
}

/** Delivers a message to one type of channel. Never throws: a failure is an outcome. */
export abstract class ChannelSender {
  abstract readonly type: ChannelType;
  abstract send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome>;
}
