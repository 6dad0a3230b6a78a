import { Dashboard, Widget } from './dashboard';
import { DashboardStore } from './dashboard-store';

const widget = (id: string, over: Partial<Widget> = {}): Widget => ({
  id, title: `widget ${id}`, type: 'top_values', query: 'level:ERROR', field: 'service', stat: null, limit: 10, columns: [],
  width: 6, height: 2, timeRange: null, ...over,
});

const dashboard = (id: string, over: Partial<Dashboard> = {}): Dashboard => ({
  id, tenantId: 't1', ownerId: 'u1', ownerName: 'alice', name: `dashboard ${id}`, description: null, shared: false,
  timeRange: { range: '24h', from: null, to: null }, refreshSeconds: null, widgets: [widget('w1')], version: 1,
  createdAt: 1_000, updatedAt: 1_000, ...over,
});

/**
 * The behaviour every DashboardStore adapter (SQLite, MongoDB, memory) must show, for tenants
 * t1 (users u1, u2) and t2 (user u3).
 */
export function describeDashboardStoreContract(name: string, make: () => Promise<DashboardStore>) {
  describe(`DashboardStore contract: ${name}`, () => {
    let store: DashboardStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was saved, widgets and time range intact', async () => {
      const d = dashboard('a', {
        description: 'checkout', shared: true, refreshSeconds: 30, timeRange: { range: 'custom', from: '2026-11-01T00:00:00Z', to: 'now' },
        widgets: [widget('w1'), widget('w2', { type: 'latest_records', columns: ['@timestamp', 'fields.region'], field: null, timeRange: { range: '1h', from: null, to: null } })],
      });
      await store.create(d);
      expect(await store.get('t1', 'u1', 'a')).toEqual(d);
      expect(await store.get('t1', 'u2', 'a')).toEqual(d);
    });

    it('lists the viewer’s own and the tenant’s shared dashboards, last changed first', async () => {
      await store.create(dashboard('a', { updatedAt: 1_000 }));
      await store.create(dashboard('b', { updatedAt: 3_000, ownerId: 'u2', shared: true }));
      await store.create(dashboard('c', { updatedAt: 2_000, ownerId: 'u2' }));
      await store.create(dashboard('d', { updatedAt: 4_000, shared: true }));
      expect((await store.list('t1', 'u1')).map((d) => d.id)).toEqual(['d', 'b', 'a']);
      expect((await store.list('t1', 'u2')).map((d) => d.id)).toEqual(['d', 'b', 'c']);
      expect((await store.list('t1', null)).map((d) => d.id)).toEqual(['d', 'b']);
      expect(await store.get('t1', 'u2', 'a')).toBeNull();
      expect(await store.get('t1', null, 'a')).toBeNull();
    });

    it('saves only over the version it was read at, and counts versions', async () => {
      await store.create(dashboard('a'));
      const next = dashboard('a', { name: 'renamed', widgets: [], version: 2, updatedAt: 5_000, shared: true });
      expect(await store.save('t1', next, 1)).toEqual({ saved: next });
      expect(await store.save('t1', dashboard('a', { name: 'stale', version: 2 }), 1)).toEqual({ conflict: 2 });
      expect(await store.get('t1', 'u2', 'a')).toMatchObject({ name: 'renamed', widgets: [], version: 2, createdAt: 1_000, updatedAt: 5_000 });
      expect(await store.save('t1', dashboard('nope', { version: 2 }), 1)).toBeNull();
    });

    it('deletes once', async () => {
      await store.create(dashboard('a'));
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.delete('t1', 'a')).toBe(false);
      expect(await store.get('t1', 'u1', 'a')).toBeNull();
    });

    it('treats another tenant’s dashboard as absent, shared or not, for every operation', async () => {
      await store.create(dashboard('a', { shared: true }));
      await store.create(dashboard('z', { tenantId: 't2', ownerId: 'u3', shared: true }));
      for (const viewer of ['u3', 'u1', null]) expect(await store.get('t2', viewer, 'a')).toBeNull();
      expect((await store.list('t2', 'u3')).map((d) => d.id)).toEqual(['z']);
      expect(await store.save('t2', dashboard('a', { tenantId: 't2', name: 'taken', version: 2 }), 1)).toBeNull();
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.get('t1', 'u1', 'a')).toMatchObject({ name: 'dashboard a', version: 1, tenantId: 't1' });
    });

    it('deletes every dashboard of one tenant and nothing else', async () => {
      await store.create(dashboard('a'));
      await store.create(dashboard('b', { shared: true }));
      await store.create(dashboard('z', { tenantId: 't2', ownerId: 'u3' }));
      expect(await store.deleteTenant('t1')).toBe(2);
      expect(await store.list('t1', 'u1')).toEqual([]);
      expect((await store.list('t2', 'u3')).map((d) => d.id)).toEqual(['z']);
    });
  });
}
