import { AlertRule } from './alert-rule';
import { AlertRuleStore } from './alert-rule-store';

export const contractRule = (id: string, over: Partial<AlertRule> = {}): AlertRule => ({
  id, tenantId: 't1', ownerId: 'u1', ownerName: 'alice', name: `rule ${id}`, description: null, query: 'level:ERROR',
  levels: ['ERROR'], services: ['api'], aggregation: { type: 'count', field: null },
  condition: { operator: '>', threshold: 10, windowMs: 300_000 }, groupBy: null, intervalMs: 60_000, forMs: 0,
  keepFiringForMs: 0, noData: 'ok', severity: 'warning', channelIds: ['c1'], repeatEveryMs: null, enabled: true,
  createdAt: 1_000, updatedAt: 1_000, timesFired: 0, lastFiredAt: null, ...over,
});

/** The behaviour every AlertRuleStore adapter (SQLite, MongoDB, memory) must show. */
export function describeAlertRuleStoreContract(name: string, make: () => Promise<AlertRuleStore>) {
  describe(`AlertRuleStore contract: ${name}`, () => {
    let store: AlertRuleStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was created', async () => {
      const rule = contractRule('a', { groupBy: 'service', repeatEveryMs: 3_600_000, aggregation: { type: 'p95', field: 'response_time_ms' } });
      await store.create(rule);
      expect(await store.get('t1', 'a')).toEqual(rule);
    });

    it('lists a tenant’s rules oldest first, and the enabled ones', async () => {
      await store.create(contractRule('b', { createdAt: 2_000 }));
      await store.create(contractRule('a', { createdAt: 1_000, enabled: false }));
      await store.create(contractRule('c', { createdAt: 3_000 }));
      expect((await store.list('t1')).map((r) => r.id)).toEqual(['a', 'b', 'c']);
      expect((await store.listEnabled('t1')).map((r) => r.id)).toEqual(['b', 'c']);
    });

    it('replaces the definition, keeping owner and statistics', async () => {
      await store.create(contractRule('a', { timesFired: 3, lastFiredAt: 900 }));
      const replaced = await store.replace('t1', 'a', { ...contractRule('x'), name: 'renamed', enabled: false, channelIds: [] }, 5_000);
      expect(replaced).toEqual(contractRule('a', { name: 'renamed', enabled: false, channelIds: [], updatedAt: 5_000, timesFired: 3, lastFiredAt: 900 }));
      expect(await store.listEnabled('t1')).toEqual([]);
    });

    it('counts firings', async () => {
      await store.create(contractRule('a'));
      await store.recordFired('t1', 'a', 7_000);
      await store.recordFired('t1', 'a', 6_000);
      expect(await store.get('t1', 'a')).toMatchObject({ timesFired: 2, lastFiredAt: 7_000 });
    });

    it('deletes', async () => {
      await store.create(contractRule('a'));
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.delete('t1', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toBeNull();
    });

    it('never shows or changes another tenant’s rule', async () => {
      await store.create(contractRule('a'));
      expect(await store.get('t2', 'a')).toBeNull();
      expect(await store.list('t2')).toEqual([]);
      expect(await store.listEnabled('t2')).toEqual([]);
      expect(await store.replace('t2', 'a', contractRule('a', { name: 'stolen' }), 2)).toBeNull();
      await store.recordFired('t2', 'a', 9);
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toEqual(contractRule('a'));
    });
  });
}
