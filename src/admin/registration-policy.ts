import { Injectable } from '@nestjs/common';
import { UserStore } from '../auth/user-store';
import { AppConfig } from '../config/app-config';
import { SettingsStore } from './settings-store';

export type RegistrationSource = 'setting' | 'env' | 'default';
const KEY = 'open_registration';

/**
 * Whether anyone may register. An admin's runtime choice (settings) wins, then
 * LOGNEST_OPEN_REGISTRATION; by default registration is open until the first admin exists,
 * so a fresh install can be claimed and then closes itself.
 */
@Injectable()
export class RegistrationPolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingsStore,
    private readonly users: UserStore,
  ) {}

  async state(): Promise<{ open: boolean; source: RegistrationSource }> {
    const stored = await this.settings.get(KEY);
    if (stored !== null) return { open: stored === 'true', source: 'setting' };
    if (this.config.openRegistration !== null) return { open: this.config.openRegistration, source: 'env' };
    return { open: (await this.users.count('admin')) === 0, source: 'default' };
  }

  async setOpen(open: boolean): Promise<void> {
    await this.settings.set(KEY, String(open));
  }
}
