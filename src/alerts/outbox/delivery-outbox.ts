import { OutboxEntry, OutboxSettlement } from './outbox-entry';

/**
 * Notifications waiting to be sent, per tenant: written before any send, so a crash loses
 * none; claimed with a lease before each send round, so of several processes (or a retry
 * timer racing a fresh notification) exactly one sends. A claim that was never settled (the
 * process died mid-send) can be claimed again once its lease ran out; the receiver sees the
 * same idempotency key.
 */
export abstract class DeliveryOutbox {
  /** Stores the entries whose id is new; returns those ids (an entry already there stays as it is). */
  abstract add(tenantId: string, entries: OutboxEntry[]): Promise<string[]>;
  /** Pending entries due at `now` and not leased, oldest first. */
  abstract due(tenantId: string, now: number, limit: number): Promise<OutboxEntry[]>;
  /**
   * Leases a pending, due, unleased entry to the caller until `leaseUntil`, under `token`;
   * the entry, or null when it is not claimable (another holds it, it is settled, not due).
   */
  abstract claim(tenantId: string, id: string, now: number, leaseUntil: number, token: string): Promise<OutboxEntry | null>;
  /** Ends the round of the lease `token` and releases it; false when the lease was lost. */
  abstract settle(tenantId: string, id: string, token: string, settlement: OutboxSettlement): Promise<boolean>;
  /** An alert's entries, oldest first (pending ones are shown on the alert). */
  abstract forAlert(tenantId: string, alertId: string): Promise<OutboxEntry[]>;
}
