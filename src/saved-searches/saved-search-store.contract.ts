import { SavedSearch } from './saved-search';
import { SavedSearchStore } from './saved-search-store';

const search = (id: string, over: Partial<SavedSearch> = {}): SavedSearch => ({
  id, tenantId: 't1', userId: 'u1', name: `search ${id}`, description: null, filters: { q: 'timeout', level: 'ERROR' },
  createdAt: 1_000, lastUsed: null, useCount: 0, ...over,
});

/**
 * The behaviour every SavedSearchStore adapter (SQLite, MongoDB, memory) must show. The
 * store under test knows tenant t1 with users u1 and u2, and tenant t2 with user u3.
 */
export function describeSavedSearchStoreContract(name: string, make: () => Promise<SavedSearchStore>) {
  describe(`SavedSearchStore contract: ${name}`, () => {
    let store: SavedSearchStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was saved, filters intact', async () => {
      const s = search('a', { description: 'prod 500s', filters: { q: 'x', status_code: '500', nested: { a: [1, 2] } } });
      await store.create(s);
      expect(await store.get('t1', 'u1', 'a')).toEqual(s);
    });

    it('lists an owner’s searches newest first, up to the limit', async () => {
      await store.create(search('a', { createdAt: 1_000 }));
      await store.create(search('b', { createdAt: 3_000 }));
      await store.create(search('c', { createdAt: 2_000 }));
      await store.create(search('d', { createdAt: 4_000, userId: 'u2' }));
      expect((await store.list('t1', 'u1', 10)).map((s) => s.id)).toEqual(['b', 'c', 'a']);
      expect((await store.list('t1', 'u1', 2)).map((s) => s.id)).toEqual(['b', 'c']);
    });

    it('renames and redescribes, leaving the rest alone', async () => {
      await store.create(search('a', { description: 'old' }));
      expect(await store.update('t1', 'u1', 'a', { name: 'new name' })).toMatchObject({ name: 'new name', description: 'old' });
      expect(await store.update('t1', 'u1', 'a', { description: null })).toMatchObject({ name: 'new name', description: null });
      expect(await store.get('t1', 'u1', 'a')).toMatchObject({ name: 'new name', description: null, filters: { q: 'timeout' } });
    });

    it('counts uses and keeps the last one', async () => {
      await store.create(search('a'));
      await store.markUsed('t1', 'u1', 'a', 5_000);
      expect(await store.markUsed('t1', 'u1', 'a', 6_000)).toMatchObject({ useCount: 2, lastUsed: 6_000 });
      expect(await store.get('t1', 'u1', 'a')).toMatchObject({ useCount: 2, lastUsed: 6_000 });
    });

    it('deletes once', async () => {
      await store.create(search('a'));
      expect(await store.delete('t1', 'u1', 'a')).toBe(true);
      expect(await store.delete('t1', 'u1', 'a')).toBe(false);
      expect(await store.get('t1', 'u1', 'a')).toBeNull();
    });

    it('treats another user’s or tenant’s search as absent, for every operation', async () => {
      await store.create(search('a'));
      await store.create(search('z', { tenantId: 't2', userId: 'u3' }));
      for (const [tenant, user] of [['t1', 'u2'], ['t2', 'u3'], ['t2', 'u1']]) {
        expect(await store.get(tenant, user, 'a')).toBeNull();
        expect(await store.update(tenant, user, 'a', { name: 'taken' })).toBeNull();
        expect(await store.markUsed(tenant, user, 'a', 9_000)).toBeNull();
        expect(await store.delete(tenant, user, 'a')).toBe(false);
      }
      expect(await store.list('t1', 'u2', 10)).toEqual([]);
      expect((await store.list('t2', 'u3', 10)).map((s) => s.id)).toEqual(['z']);
      expect(await store.get('t1', 'u1', 'a')).toMatchObject({ name: 'search a', useCount: 0 });
    });
  });
}
