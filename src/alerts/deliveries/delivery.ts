import { ChannelType } from '../channels/alert-channel';
import { Notification } from '../state/alert-state-machine';

/** `retrying`: this round failed, the notification will be sent again (outbox backoff). */
export type DeliveryStatus = 'sent' | 'failed' | 'silenced' | 'retrying';

/** One notification sent (or suppressed) to one channel, with how it went. */
export interface Delivery {
  id: string;
  tenantId: string;
  /** Null for a channel's "send test". */
  alertId: string | null;
  ruleId: string | null;
  channelId: string;
  channelName: string;
  channelType: ChannelType;
  kind: Notification | 'test';
  status: DeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  attempts: number;
  at: number;
  durationMs: number;
}
