import { Delivery } from './delivery';
import { DeliveryStore } from './delivery-store';

const delivery = (id: string, over: Partial<Delivery> = {}): Delivery => ({
  id, tenantId: 't1', alertId: 'a1', ruleId: 'r1', channelId: 'c1', channelName: 'ops hook', channelType: 'webhook', kind: 'firing',
  status: 'sent', httpStatus: 200, error: null, attempts: 1, at: 1_000, durationMs: 12, ...over,
});

/** The behaviour every DeliveryStore adapter (SQLite, MongoDB, memory) must show. */
export function describeDeliveryStoreContract(name: string, make: () => Promise<DeliveryStore>) {
  describe(`DeliveryStore contract: ${name}`, () => {
    let store: DeliveryStore;
    beforeEach(async () => {
      store = await make();
    });

    it('lists an alert’s deliveries oldest first and a channel’s newest first', async () => {
      await store.record(delivery('d2', { at: 2_000, status: 'failed', httpStatus: 503, error: 'HTTP 503', attempts: 3 }));
      await store.record(delivery('d1', { at: 1_000 }));
      await store.record(delivery('d3', { at: 3_000, alertId: null, kind: 'test' }));
      await store.record(delivery('d4', { at: 4_000, channelId: 'c2' }));
      expect((await store.forAlert('t1', 'a1')).map((d) => d.id)).toEqual(['d1', 'd2', 'd4']);
      expect(await store.forAlert('t1', 'a1')).toContainEqual(delivery('d2', { at: 2_000, status: 'failed', httpStatus: 503, error: 'HTTP 503', attempts: 3 }));
      expect((await store.forChannel('t1', 'c1', 10)).map((d) => d.id)).toEqual(['d3', 'd2', 'd1']);
      expect((await store.forChannel('t1', 'c1', 1)).map((d) => d.id)).toEqual(['d3']);
    });

    it('never shows another tenant’s deliveries', async () => {
      await store.record(delivery('d1'));
      expect(await store.forAlert('t2', 'a1')).toEqual([]);
      expect(await store.forChannel('t2', 'c1', 10)).toEqual([]);
    });
  });
}
