import { SessionStore } from './session-store';

/**
 * The behaviour every SessionStore adapter must show; run it from each adapter's spec.
 * `expiresItself`: the server drops an expired session on its own (Redis key TTLs), so
 * `deleteExpired` finds none; the sessions must be gone all the same.
 */
export function describeSessionStoreContract(
  name: string,
  make: () => Promise<SessionStore> | SessionStore,
  cleanup?: () => Promise<void> | void,
  options: { expiresItself?: boolean } = {},
): void {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;
    const hour = 60 * 60 * 1000;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('returns what was set, as a copy', async () => {
      const data = { passport: { user: 'u1' }, csrfToken: 'abc', cookie: { maxAge: null } };
      await store.set('s1', data, Date.now() + hour);
      data.csrfToken = 'changed';
      expect(await store.get('s1')).toEqual({ passport: { user: 'u1' }, csrfToken: 'abc', cookie: { maxAge: null } });
      expect(await store.get('missing')).toBeNull();
    });

    it('replaces the whole session on set', async () => {
      await store.set('s1', { a: 1, b: 2 }, Date.now() + hour);
      await store.set('s1', { a: 3 }, Date.now() + hour);
      expect(await store.get('s1')).toEqual({ a: 3 });
    });

    it('hides an expired session', async () => {
      await store.set('old', { a: 1 }, Date.now() - 1);
      expect(await store.get('old')).toBeNull();
    });

    it('touch moves the expiry forward and never creates a session', async () => {
      await store.set('s1', { a: 1 }, Date.now() + 50);
      await store.touch('s1', Date.now() + hour);
      await store.touch('nobody', Date.now() + hour);
      expect(await store.deleteExpired(Date.now() + 10 * 60_000)).toBe(0);
      expect(await store.get('s1')).toEqual({ a: 1 });
      expect(await store.get('nobody')).toBeNull();
    });

    it('destroy removes one session', async () => {
      await store.set('s1', { a: 1 }, Date.now() + hour);
      await store.set('s2', { a: 2 }, Date.now() + hour);
      await store.destroy('s1');
      await store.destroy('never-existed');
      expect(await store.get('s1')).toBeNull();
      expect(await store.get('s2')).toEqual({ a: 2 });
    });

    it('deleteExpired removes only expired sessions and counts them', async () => {
      const now = Date.now();
      await store.set('gone1', { a: 1 }, now - 10);
      await store.set('gone2', { a: 2 }, now - 5);
      await store.set('kept', { a: 3 }, now + hour);
      expect(await store.deleteExpired(now)).toBe(options.expiresItself ? 0 : 2);
      expect(await store.deleteExpired(now)).toBe(0);
      expect(await store.get('gone1')).toBeNull();
      expect(await store.get('gone2')).toBeNull();
      expect(await store.get('kept')).toEqual({ a: 3 });
    });
  });
}
