import { Delivery } from './delivery';

/** Every delivery attempt, per tenant. */
export abstract class DeliveryStore {
  abstract record(delivery: Delivery): Promise<void>;
  /** An alert's deliveries, oldest first. */
  abstract forAlert(tenantId: string, alertId: string): Promise<Delivery[]>;
  /** A channel's latest deliveries, newest first. */
  abstract forChannel(tenantId: string, channelId: string, limit: number): Promise<Delivery[]>;
}
