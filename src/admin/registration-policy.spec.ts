import { Role } from '../auth/auth-types';
import { UserStore } from '../auth/user-store';
import { AppConfig } from '../config/app-config';
import { MemorySettingsStore } from './memory-settings-store';
import { RegistrationPolicy } from './registration-policy';

function policy(openRegistration: boolean | null, admins: number) {
  const users = { count: async (role?: Role) => (role === 'admin' ? admins : admins + 3) } as unknown as UserStore;
  const settings = new MemorySettingsStore();
  return { settings, policy: new RegistrationPolicy({ openRegistration } as AppConfig, settings, users) };
}

describe('RegistrationPolicy', () => {
  it('is open until the first admin exists', async () => {
    expect(await policy(null, 0).policy.state()).toEqual({ open: true, source: 'default' });
    expect(await policy(null, 1).policy.state()).toEqual({ open: false, source: 'default' });
  });

  it('follows LOGNEST_OPEN_REGISTRATION over the default', async () => {
    expect(await policy(true, 1).policy.state()).toEqual({ open: true, source: 'env' });
    expect(await policy(false, 0).policy.state()).toEqual({ open: false, source: 'env' });
  });

  it("follows an admin's runtime choice over everything", async () => {
    const { policy: p } = policy(false, 1);
    await p.setOpen(true);
    expect(await p.state()).toEqual({ open: true, source: 'setting' });
    await p.setOpen(false);
    expect(await p.state()).toEqual({ open: false, source: 'setting' });
  });
});
