import { AlertChannel, ChannelType } from './alert-channel';
import { AlertMessage } from './alert-message';

export interface SendOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  attempts: number;
  /** False when trying again cannot help (a 4xx, a refused URL, no such sender); unset: retry a failure. */
  retryable?: boolean;
}

export interface SendOptions {
  /** The idempotency key of this notification to this channel: the same on every retry and after a crash. */
  deliveryId?: string;
}

/** Delivers a message to one type of channel. Never throws: a failure is an outcome. */
export abstract class ChannelSender {
  abstract readonly type: ChannelType;
  abstract send(channel: AlertChannel, message: AlertMessage, options?: SendOptions): Promise<SendOutcome>;
}
