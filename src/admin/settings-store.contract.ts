import { SettingsStore } from './settings-store';

/** The behaviour every SettingsStore adapter must show. */
export function describeSettingsStoreContract(name: string, make: () => SettingsStore | Promise<SettingsStore>): void {
  describe(`SettingsStore contract: ${name}`, () => {
    it('reads back what was set, null when unset, and overwrites', async () => {
      const store = await make();
      expect(await store.get('open_registration')).toBeNull();
      await store.set('open_registration', 'true');
      await store.set('other', 'x');
      await store.set('open_registration', 'false');
      expect(await store.get('open_registration')).toBe('false');
      expect(await store.get('other')).toBe('x');
      await store.delete('other');
      await store.delete('never-set');
      expect(await store.get('other')).toBeNull();
      expect(await store.get('open_registration')).toBe('false');
    });
  });
}
