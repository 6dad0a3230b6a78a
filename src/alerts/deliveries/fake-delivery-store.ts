import { Delivery } from './delivery';
import { DeliveryStore } from './delivery-store';

/** In-memory DeliveryStore for unit tests. */
export class FakeDeliveryStore extends DeliveryStore {
  readonly all: Delivery[] = [];

  async record(delivery: Delivery): Promise<void> {
    this.all.push(structuredClone(delivery));
  }

  async forAlert(tenantId: string, alertId: string): Promise<Delivery[]> {
    return this.all
      .filter((d) => d.tenantId === tenantId && d.alertId === alertId)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((d) => structuredClone(d));
  }

  async forChannel(tenantId: string, channelId: string, limit: number): Promise<Delivery[]> {
    return this.all
      .filter((d) => d.tenantId === tenantId && d.channelId === channelId)
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map((d) => structuredClone(d));
  }
}
