import { AlertChannel } from './alert-channel';
import { AlertChannelStore } from './alert-channel-store';

const channel = (id: string, over: Partial<AlertChannel> = {}): AlertChannel => ({
  id, tenantId: 't1', ownerId: 'u1', name: `channel ${id}`, type: 'webhook',
  config: { url: 'https://hooks.example.com/x', secret: 's3cret-value', headers: { 'X-Team': 'ops' } }, createdAt: 1_000, updatedAt: 1_000, ...over,
});

/** The behaviour every AlertChannelStore adapter (SQLite, MongoDB, memory) must show. */
export function describeAlertChannelStoreContract(name: string, make: () => Promise<AlertChannelStore>) {
  describe(`AlertChannelStore contract: ${name}`, () => {
    let store: AlertChannelStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was created, listed by name', async () => {
      await store.create(channel('b', { name: 'zeta' }));
      await store.create(channel('a', { name: 'alpha', type: 'email', config: { to: ['ops@example.com'] } }));
      expect(await store.get('t1', 'b')).toEqual(channel('b', { name: 'zeta' }));
      expect((await store.list('t1')).map((c) => c.name)).toEqual(['alpha', 'zeta']);
    });

    it('updates name, type and config', async () => {
      await store.create(channel('a'));
      const updated = await store.update('t1', 'a', { name: 'logs', type: 'console', config: {}, updatedAt: 2_000 });
      expect(updated).toEqual(channel('a', { name: 'logs', type: 'console', config: {}, updatedAt: 2_000 }));
    });

    it('deletes', async () => {
      await store.create(channel('a'));
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.get('t1', 'a')).toBeNull();
      expect(await store.delete('t1', 'a')).toBe(false);
    });

    it('never shows or changes another tenant’s channel', async () => {
      await store.create(channel('a'));
      expect(await store.get('t2', 'a')).toBeNull();
      expect(await store.list('t2')).toEqual([]);
      expect(await store.update('t2', 'a', { name: 'x', type: 'console', config: {}, updatedAt: 3 })).toBeNull();
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toEqual(channel('a'));
    });
  });
}
