import { PatternChange, PatternDraft, PatternStore } from './pattern-store';

const change = (id: string, over: Partial<PatternChange> = {}): PatternChange => ({
  id, service: 'api', template: 'User <*> logged in', sample: 'User u-1 logged in', count: 1, firstSeen: 1_000, lastSeen: 1_000, ...over,
});

const draft = (id: string, template: string): PatternDraft => ({ id, template, sample: template.replace('<*>', 'x'), firstSeen: 5_000, lastSeen: 5_000 });

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
        { tenantId: 't1', id: 'p1', service: null, template: 'User <*> logged in', sample: 'User "<b>" logged in', count: 1, firstSeen: 1_000, lastSeen: 1_000, revision: 0 },
      ]);
    });

    it('adds counts and widens the seen range, keeping the first template and sample (templates change by publish)', async () => {
      await store.save('t1', [change('p1', { count: 3, firstSeen: 2_000, lastSeen: 3_000 })]);
      await store.save('t1', [change('p1', { template: 'User <*> <*> in', sample: 'other', count: 2, firstSeen: 1_500, lastSeen: 2_500 })]);
      await store.save('t1', [change('p1', { template: 'User <*> <*> in', count: 0, firstSeen: 9_000, lastSeen: 9_000 })]);
      expect(await store.get('t1', ['p1'])).toEqual([
        expect.objectContaining({ template: 'User <*> logged in', sample: 'User u-1 logged in', count: 5, firstSeen: 1_500, lastSeen: 9_000 }),
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

    it('publishes by compare-and-set on the service revision: the second publish of a revision is refused and writes nothing', async () => {
      expect(await store.publish('t1', 'api', 0, [draft('a', 'User <*> logged in')])).toBe(true);
      expect(await store.publish('t1', 'api', 0, [draft('b', 'User <*> logged out')])).toBe(false);
      expect(await store.publish('t1', 'api', 2, [draft('b', 'User <*> logged out')])).toBe(false);
      expect((await store.list('t1')).map((p) => [p.id, p.revision, p.count])).toEqual([['a', 1, 0]]);
      // Another service (and no service) has a revision of its own.
      expect(await store.publish('t1', null, 0, [draft('n', 'Boot <*>')])).toBe(true);
      expect(await store.publish('t1', 'web', 0, [draft('w', 'GET <*>')])).toBe(true);
      expect(await store.publish('t1', 'api', 1, [draft('a', 'User <*> logged <*>'), draft('c', 'Cache warmed in <*>')])).toBe(true);
      const got = await store.get('t1', ['a', 'c', 'n']);
      expect(got.map((p) => [p.id, p.service, p.template, p.revision]).sort()).toEqual([
        ['a', 'api', 'User <*> logged <*>', 2], ['c', 'api', 'Cache warmed in <*>', 2], ['n', null, 'Boot <*>', 1],
      ]);
    });

    it('answers what was published after a revision, with the latest templates, counts kept', async () => {
      await store.publish('t1', 'api', 0, [draft('a', 'User <*> logged in')]);
      await store.save('t1', [change('a', { count: 4 })]);
      await store.publish('t1', 'api', 1, [draft('b', 'Cache warmed in <*>')]);
      await store.publish('t1', 'api', 2, [draft('a', 'User <*> <*> in')]);
      const all = await store.published('t1', 'api', 0);
      expect(all.revision).toBe(3);
      expect(all.templates.map((p) => [p.id, p.template, p.revision, p.count]).sort()).toEqual([['a', 'User <*> <*> in', 3, 4], ['b', 'Cache warmed in <*>', 2, 0]]);
      expect((await store.published('t1', 'api', 2)).templates.map((p) => p.id)).toEqual(['a']);
      expect(await store.published('t1', 'api', 3)).toEqual({ revision: 3, templates: [] });
      expect(await store.published('t1', 'web', 0)).toEqual({ revision: 0, templates: [] });
      expect(await store.published('t2', 'api', 0)).toEqual({ revision: 0, templates: [] });
      expect(await store.publish('t2', 'api', 0, [draft('a', 'of t2')])).toBe(true);
      expect((await store.get('t1', ['a']))[0].template).toBe('User <*> <*> in');
    });
  });
}
