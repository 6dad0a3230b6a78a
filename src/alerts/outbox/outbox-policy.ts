import { SendOutcome } from '../channels/channel-sender';
import { OutboxEntry, OutboxSettlement } from './outbox-entry';

/** Send rounds in all, the first included; then the notification is `failed`. */
export const MAX_ROUNDS = 6;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;

/** Wait before round `rounds + 1`: 30 s, 2 min, 8 min, 32 min, 1 h (about 1 h 43 min in all). */
export function retryDelayMs(rounds: number): number {
  return Math.min(FIRST_RETRY_MS * 4 ** (rounds - 1), MAX_RETRY_MS);
}

/**
 * How long a claim holds an entry: longer than any one send round can take (a webhook's three
 * tries of `timeout` each and their backoff; an email's connect, greeting and data timeouts),
 * so a live sender never loses its lease, and a dead one's entry is sent again soon after.
 */
export function sendLeaseMs(sendTimeoutMs: number): number {
  return 6 * sendTimeoutMs + 5_000;
}

/** How a round ends an entry: sent, retried later, or failed for good. */
export function nextRound(entry: Pick<OutboxEntry, 'rounds' | 'nextAttemptAt'>, outcome: SendOutcome, now: number): OutboxSettlement {
  const rounds = entry.rounds + 1;
  if (outcome.ok) return { status: 'sent', rounds, nextAttemptAt: entry.nextAttemptAt, lastError: null };
  const retry = outcome.retryable !== false && rounds < MAX_ROUNDS;
  return { status: retry ? 'pending' : 'failed', rounds, nextAttemptAt: retry ? now + retryDelayMs(rounds) : entry.nextAttemptAt, lastError: outcome.error };
}
