import { AlertMessage } from '../channels/alert-message';

/**
 * `pending` until sent; `sent`, `failed` (out of retries, or refused for good) and
 * `silenced` are final.
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'silenced';

/**
 * One notification to one channel, stored before it is sent. Its id is the idempotency key a
 * webhook receives: a send repeated after a crash carries the same one.
 */
export interface OutboxEntry {
  /** `<intent id>.<channel id>`: the same notification to the same channel is one entry. */
  id: string;
  tenantId: string;
  /** The notification (NotificationIntent) the entry came from. */
  intentId: string;
  alertId: string | null;
  ruleId: string | null;
  channelId: string;
  /** What to say, fixed when the alert changed state. */
  message: AlertMessage;
  status: OutboxStatus;
  /** Send rounds so far (each round is one sender call, with its own quick retries). */
  rounds: number;
  /** Not sent before this time (the backoff after a failed round). */
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

/** What ending a send round changes. */
export type OutboxSettlement = Pick<OutboxEntry, 'status' | 'rounds' | 'nextAttemptAt' | 'lastError'>;
