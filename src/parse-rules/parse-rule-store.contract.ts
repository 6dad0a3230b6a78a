import { SavedParseRule } from './parse-rule-record';
import { DuplicateRuleNameError, ParseRuleStore } from './parse-rule-store';

const rule = (id: string, over: Partial<SavedParseRule> = {}): SavedParseRule => ({
  id, tenantId: 't1', name: `rule ${id}`, service: null, description: null,
  spec: { pattern: '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}', patternType: 'grok' },
  createdBy: 'u1', createdAt: 1_000, updatedAt: 1_000, ...over,
});

/** The behaviour every ParseRuleStore adapter (SQLite, MongoDB, memory) must show; tenants t1 and t2 exist. */
export function describeParseRuleStoreContract(name: string, make: () => Promise<ParseRuleStore>) {
  describe(`ParseRuleStore contract: ${name}`, () => {
    let store: ParseRuleStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was saved, the spec intact', async () => {
      const r = rule('a', { service: 'phone', description: 'logcat', spec: { format: 'logcat', timestampFormat: 'MM-dd HH:mm:ss.SSS' } });
      await store.create(r);
      expect(await store.get('t1', 'a')).toEqual(r);
      expect(await store.findByName('t1', 'rule a')).toEqual(r);
    });

    it('lists a tenant’s rules by name', async () => {
      await store.create(rule('a', { name: 'nginx' }));
      await store.create(rule('b', { name: 'android' }));
      await store.create(rule('c', { name: 'other tenant', tenantId: 't2' }));
      expect((await store.list('t1')).map((r) => r.name)).toEqual(['android', 'nginx']);
    });

    it('refuses a second rule of the same name in a tenant, not in another tenant', async () => {
      await store.create(rule('a', { name: 'same' }));
      await expect(store.create(rule('b', { name: 'same' }))).rejects.toBeInstanceOf(DuplicateRuleNameError);
      await store.create(rule('c', { name: 'same', tenantId: 't2' }));
      await store.create(rule('d', { name: 'different' }));
      await expect(store.update('t1', 'd', { name: 'same', updatedAt: 2_000 })).rejects.toBeInstanceOf(DuplicateRuleNameError);
    });

    it('finds the rule of a service, the latest updated when two name it', async () => {
      await store.create(rule('a', { service: 'phone', updatedAt: 1_000 }));
      await store.create(rule('b', { service: 'phone', updatedAt: 3_000 }));
      await store.create(rule('c', { service: 'web', updatedAt: 5_000 }));
      expect((await store.findByService('t1', 'phone'))?.id).toBe('b');
      expect(await store.findByService('t1', 'none')).toBeNull();
    });

    it('updates what is given, leaving the rest alone', async () => {
      await store.create(rule('a', { service: 'phone', description: 'old' }));
      const updated = await store.update('t1', 'a', { spec: { format: 'klog' }, service: null, updatedAt: 9_000 });
      expect(updated).toMatchObject({ name: 'rule a', description: 'old', service: null, spec: { format: 'klog' }, updatedAt: 9_000, createdAt: 1_000 });
      expect(await store.get('t1', 'a')).toEqual(updated);
    });

    it('deletes once', async () => {
      await store.create(rule('a'));
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.delete('t1', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toBeNull();
    });

    it('treats another tenant’s rule as absent, for every operation', async () => {
      await store.create(rule('a', { service: 'phone' }));
      expect(await store.get('t2', 'a')).toBeNull();
      expect(await store.findByName('t2', 'rule a')).toBeNull();
      expect(await store.findByService('t2', 'phone')).toBeNull();
      expect(await store.list('t2')).toEqual([]);
      expect(await store.update('t2', 'a', { name: 'taken over', updatedAt: 2 })).toBeNull();
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toMatchObject({ name: 'rule a' });
    });
  });
}
