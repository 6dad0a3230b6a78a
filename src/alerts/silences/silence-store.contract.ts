import { Silence } from './silence';
import { SilenceStore } from './silence-store';

const silence = (id: string, over: Partial<Silence> = {}): Silence => ({
  id, tenantId: 't1', ownerId: 'u1', ownerName: 'alice', matchers: { ruleId: 'r1', group: 'api', severity: 'critical' },
  startsAt: 1_000, endsAt: 5_000, comment: 'deploy', createdAt: 900, ...over,
});

/** The behaviour every SilenceStore adapter (SQLite, MongoDB, memory) must show. */
export function describeSilenceStoreContract(name: string, make: () => Promise<SilenceStore>) {
  describe(`SilenceStore contract: ${name}`, () => {
    let store: SilenceStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back what was created; lists newest first, or those not ended yet', async () => {
      await store.create(silence('a', { startsAt: 1_000, endsAt: 2_000, matchers: {} }));
      await store.create(silence('b', { startsAt: 3_000, endsAt: 9_000 }));
      expect(await store.get('t1', 'a')).toEqual(silence('a', { startsAt: 1_000, endsAt: 2_000, matchers: {} }));
      expect((await store.list('t1')).map((s) => s.id)).toEqual(['b', 'a']);
      expect((await store.list('t1', 2_000)).map((s) => s.id)).toEqual(['b']);
    });

    it('deletes', async () => {
      await store.create(silence('a'));
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.delete('t1', 'a')).toBe(false);
      expect(await store.list('t1')).toEqual([]);
    });

    it('never shows or deletes another tenant’s silence', async () => {
      await store.create(silence('a'));
      expect(await store.get('t2', 'a')).toBeNull();
      expect(await store.list('t2')).toEqual([]);
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).not.toBeNull();
    });
  });
}
