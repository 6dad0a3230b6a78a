import { PatternChange, PatternStore } from './pattern-store';

const change = (id: string, over: Partial<PatternChange> = {}): PatternChange => ({
  id, service: 'api', template: 'User <*> logged in', sample: 'User u-1 logged in', count: 1, firstSeen: 1_000, lastSeen: 1_000, ...over,
});

/** The behaviour every PatternStore adapter (SQLite, memory, later MongoDB) must show. */
export function describePatternStoreContract(name: string, make: () => Promise<PatternStore>) {
  describe(`PatternStore contract: ${name}`, () => {
    let store: PatternStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back a saved pattern, service and sample intact', async () => {
      await store.save('t1', [change('p1', { service: null, sample: 'User "<b>" logged in' })]);
      expect(await store.list('t1')).toEqual([
        { tenantId: 't1', id: 'p1', service: null, template: 'User <*> logged in', sample: 'User "<b>" logged in', count: 1, firstSeen: 1_000, lastSeen: 1_000 },
      ]);
    });

    it('adds counts, widens the seen range and takes the newer template, keeping the first sample', async () => {
      await store.save('t1', [change('p1', { count: 3, firstSeen: 2_000, lastSeen: 3_000 })]);
      await store.save('t1', [change('p1', { template: 'User <*> <*> in', sample: 'other', count: 2, firstSeen: 1_500, lastSeen: 2_500 })]);
      await store.save('t1', [change('p1', { template: 'User <*> <*> in', count: 0, firstSeen: 9_000, lastSeen: 9_000 })]);
      expect(await store.get('t1', ['p1'])).toEqual([
        expect.objectContaining({ template: 'User <*> <*> in', sample: 'User u-1 logged in', count: 5, firstSeen: 1_500, lastSeen: 9_000 }),
      ]);
    });

    it('gets by id, leaving unknown ids out, and saves many at once', async () => {
      await store.save('t1', Array.from({ length: 1_200 }, (_, i) => change(`p${i}`, { count: i })));
      const ids = ['p5', 'nope', 'p1100', ...Array.from({ length: 700 }, (_, i) => `p${i + 200}`)];
      const got = await store.get('t1', ids);
      expect(got).toHaveLength(702);
      expect(got.find((p) => p.id === 'p1100')?.count).toBe(1_100);
      expect(await store.get('t1', [])).toEqual([]);
      expect(await store.list('t1')).toHaveLength(1_200);
    });

    it('keeps tenants apart: the same id in two tenants is two patterns, and no read crosses over', async () => {
      await store.save('t1', [change('p1', { template: 'of t1', count: 4 })]);
      await store.save('t2', [change('p1', { template: 'of t2', count: 7 }), change('p2')]);
      expect((await store.list('t1')).map((p) => [p.template, p.count])).toEqual([['of t1', 4]]);
      expect((await store.get('t1', ['p1', 'p2'])).map((p) => p.template)).toEqual(['of t1']);
      expect((await store.get('t2', ['p1'])).map((p) => [p.tenantId, p.count])).toEqual([['t2', 7]]);
      expect(await store.list('t3')).toEqual([]);
    });
  });
}
