import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RegistrationPolicy } from '../../admin/registration-policy';
import { AuthService } from '../auth.service';
import { DEFAULT_TENANT_ID, Role, User } from '../auth-types';
import { PasswordHasher } from '../password-hasher';
import { TokenStore } from '../token-store';
import { TenantStore } from '../tenant-store';
import { UserStore } from '../user-store';

export interface NewAccount {
  username: string;
  password: string;
  email?: string | null;
  fullName?: string | null;
}

/** People's accounts: registration, admin-created users, profile and password changes. */
@Injectable()
export class AccountsService {
  /** Account creation runs one at a time, so "the first user becomes admin" and "username taken" hold. */
  private creating: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly auth: AuthService,
    private readonly users: UserStore,
    private readonly tenants: TenantStore,
    private readonly hasher: PasswordHasher,
    private readonly registration: RegistrationPolicy,
    private readonly tokens: TokenStore,
  ) {}

  /**
   * Self-registration into tenant default: the very first user becomes its admin and the
   * installation admin, later ones members.
   */
  register(input: NewAccount): Promise<User> {
    return this.oneAtATime(async () => {
      if (!(await this.registration.state()).open) {
        throw new ForbiddenException({ success: false, error: 'registration_closed', message: 'Registration is closed; ask an administrator for an account' });
      }
      const first = (await this.users.count()) === 0;
      const role: Role = first ? 'admin' : 'member';
      return this.insert({ ...input, role, tenantId: DEFAULT_TENANT_ID, installationAdmin: first });
    });
  }

  /** A user made by an admin, in any tenant. */
  createUser(input: NewAccount & { role: Role; tenantId: string; installationAdmin?: boolean }): Promise<User> {
    return this.oneAtATime(async () => {
      if (!(await this.tenants.get(input.tenantId))) {
        throw new NotFoundException({ success: false, error: 'not_found', field: 'tenant_id', message: `No tenant ${input.tenantId}` });
      }
      return this.insert(input);
    });
  }

  get(userId: string): Promise<User> {
    return this.existing(userId);
  }

  async updateProfile(userId: string, changes: { email?: string | null; fullName?: string | null }): Promise<User> {
    await this.users.update(userId, changes);
    return this.existing(userId);
  }

  /**
   * Returns the user with the new password hash. Sessions opened before it end (their stamp no
   * longer matches) and so do bearer login tokens; API tokens stay, as they are meant to.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<User> {
    const user = await this.existing(userId);
    if (!(await this.hasher.verify(currentPassword, user.passwordHash))) {
      throw new BadRequestException({ success: false, error: 'invalid_parameter', field: 'current_password', message: 'current_password: is not your current password' });
    }
    await this.users.update(userId, { passwordHash: await this.hasher.hash(newPassword) });
    await this.tokens.deleteScope(user.tenantId, userId, 'login');
    return this.existing(userId);
  }

  private async insert(input: NewAccount & { role: Role; tenantId: string; installationAdmin?: boolean }): Promise<User> {
    if (await this.users.findByUsername(input.username)) {
      throw new ConflictException({ success: false, error: 'username_taken', field: 'username', message: `username: ${input.username} is already taken` });
    }
    return this.auth.createUser(input);
  }

  private async existing(userId: string): Promise<User> {
    const user = await this.users.get(userId);
    if (!user) throw new NotFoundException({ success: false, error: 'not_found', message: 'No such user' });
    return user;
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.creating.then(work, work);
    this.creating = run.catch(() => undefined);
    return run;
  }
}
