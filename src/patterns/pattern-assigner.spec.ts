import { maskLine } from './drain-miner';
import { FakePatternStore } from './fake-pattern-store';
import { PatternAssigner, patternId } from './pattern-assigner';
import { PatternKey } from './pattern-key';

const key = (line: string, service: string | null = 'api', timestamp = 1_000): PatternKey => ({ service, masked: maskLine(line), sample: line, timestamp });

describe('PatternAssigner', () => {
  it('gives lines of one template one id, made from the first line’s template, and saves the pattern before answering', async () => {
    const store = new FakePatternStore();
    const assigner = new PatternAssigner(store);
    const ids = await assigner.assign('t1', ['free', 'pro', 'team'].map((plan) => key(`Subscription of acct-4 changed to plan ${plan}`)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(patternId('api', 'Subscription of <*> changed to plan free'));
    expect(await store.list('t1')).toEqual([
      expect.objectContaining({ id: ids[0], template: 'Subscription of <*> changed to plan <*>', sample: 'Subscription of acct-4 changed to plan free', count: 0 }),
    ]);
  });

  it('keeps services and templates that share a prefix apart', async () => {
    const assigner = new PatternAssigner(new FakePatternStore());
    const [captured, declined, other] = await assigner.assign('t1', [
      key('Payment pay_1 captured for account acct-1'),
      key('Payment pay_2 declined by issuer: insufficient funds'),
      key('Payment pay_1 captured for account acct-1', 'billing'),
    ]);
    expect(new Set([captured, declined, other]).size).toBe(3);
    expect(await assigner.assign('t1', [key('Payment pay_9 captured for account acct-7')])).toEqual([captured]);
  });

  it('gives the same ids after a restart, from the stored templates', async () => {
    const store = new FakePatternStore();
    const before = await new PatternAssigner(store).assign('t1', [key('User u-1 logged in'), key('Cache warmed in 30ms')]);
    const after = await new PatternAssigner(store).assign('t1', [key('Cache warmed in 12ms'), key('User u-77 logged in')]);
    expect(after).toEqual([before[1], before[0]]);
  });

  it('counts committed records and widens the seen range', async () => {
    const store = new FakePatternStore();
    const assigner = new PatternAssigner(store);
    const [id] = await assigner.assign('t1', [key('User u-1 logged in', 'api', 5_000)]);
    assigner.counted('t1', [{ id, count: 3, firstSeen: 4_000, lastSeen: 6_000 }]);
    assigner.counted('t1', [{ id, count: 2, firstSeen: 7_000, lastSeen: 8_000 }]);
    await assigner.settled();
    expect(await store.get('t1', [id])).toEqual([expect.objectContaining({ count: 5, firstSeen: 4_000, lastSeen: 8_000 })]);
  });

  it('keeps tenants apart: one tenant’s templates never take another’s lines', async () => {
    const store = new FakePatternStore();
    const assigner = new PatternAssigner(store);
    await assigner.assign('t1', [key('Subscription of acct-4 changed to plan free')]);
    const [t2] = await assigner.assign('t2', [key('Subscription of acct-4 changed to plan pro')]);
    expect(t2).toBe(patternId('api', 'Subscription of <*> changed to plan pro'));
    expect((await store.list('t1')).map((p) => p.template)).toEqual(['Subscription of <*> changed to plan free']);
    expect((await store.list('t2')).map((p) => p.id)).toEqual([t2]);
  });

  it('puts new shapes beyond the template budget into one catch-all pattern per service', async () => {
    const assigner = new PatternAssigner(new FakePatternStore(), { maxTemplatesPerTenant: 2 });
    const ids = await assigner.assign('t1', [key('alpha one'), key('beta two three'), key('gamma'), key('delta four five six')]);
    expect(ids[2]).toBe(patternId('api', '<*>'));
    expect(ids[3]).toBe(ids[2]);
    expect(new Set(ids).size).toBe(3);
  });

  describe('two processes on one metadata store', () => {
    it('mint one id for one template whichever process saw it first, with different first lines', async () => {
      const store = new FakePatternStore();
      const a = new PatternAssigner(store);
      const b = new PatternAssigner(store);
      await a.assign('t1', [key('Cache warmed in 30ms')]); // both processes know the tenant before either mints
      await b.assign('t1', [key('Cache warmed in 31ms')]);
      const [fromA] = await a.assign('t1', [key('Subscription of acct-4 changed to plan free')]);
      const [fromB] = await b.assign('t1', [key('Subscription of acct-9 changed to plan team')]);
      expect(fromB).toBe(fromA);
      expect(await a.assign('t1', [key('Subscription of acct-1 changed to plan pro')])).toEqual([fromA]);
      const stored = (await store.list('t1')).filter((p) => p.id === fromA);
      expect(stored.map((p) => p.template)).toEqual(['Subscription of <*> changed to plan <*>']);
      expect(await store.list('t1')).toHaveLength(2);
    });

    it('agree when both mint at the same moment: the loser of the publish race takes the winner’s template', async () => {
      const store = new FakePatternStore();
      const a = new PatternAssigner(store);
      const b = new PatternAssigner(store);
      await Promise.all([a.assign('t1', [key('boot')]), b.assign('t1', [key('boot')])]);
      const lines = (who: string) => [key(`User ${who} logged in from the web app`), key(`Disk /dev/sda${who.length} at 91% on host db-${who}`)];
      const [ofA, ofB] = await Promise.all([a.assign('t1', lines('alice')), b.assign('t1', lines('bob'))]);
      expect(ofB).toEqual(ofA);
      expect(new Set(ofA).size).toBe(2);
      const templates = (await store.list('t1')).map((p) => p.template).sort();
      expect(templates).toEqual(['Disk <*> at <*> on host <*>', 'User <*> logged in from the web app', 'boot']);
      // A third process started later reads the same ids back.
      expect(await new PatternAssigner(store).assign('t1', lines('carol'))).toEqual(ofA);
    });

    it('merge generalizations made on each side, and keep ids across restarts', async () => {
      const store = new FakePatternStore();
      const a = new PatternAssigner(store);
      const b = new PatternAssigner(store);
      const [id] = await a.assign('t1', [key('Job nightly finished on worker east')]);
      expect(await b.assign('t1', [key('Job nightly finished on worker west')])).toEqual([id]);
      expect(await a.assign('t1', [key('Job hourly finished on worker east')])).toEqual([id]);
      expect((await store.get('t1', [id]))[0].template).toBe('Job <*> finished on worker <*>');
      expect(await new PatternAssigner(store).assign('t1', [key('Job weekly finished on worker north')])).toEqual([id]);
    });

    it('keeps templates of its own, saved, when publishing keeps failing', async () => {
      const store = new FakePatternStore();
      store.publish = async () => false;
      const [id] = await new PatternAssigner(store).assign('t1', [key('User u-1 logged in')]);
      expect(await store.get('t1', [id])).toEqual([expect.objectContaining({ template: 'User <*> logged in', revision: 0 })]);
    });
  });
});
