import { Role, User } from './auth-types';

/** Users. Usernames are unique, case-insensitively, across tenants. */
export abstract class UserStore {
  abstract create(user: User): Promise<void>;
  abstract get(id: string): Promise<User | null>;
  abstract findByUsername(username: string): Promise<User | null>;
  /** All users, or those with one role. */
  abstract count(role?: Role): Promise<number>;
  /** Every user, or those of one tenant. */
  abstract list(tenantId?: string): Promise<User[]>;
  abstract update(id: string, changes: Partial<Pick<User, 'passwordHash' | 'role' | 'installationAdmin' | 'disabled' | 'lastLogin' | 'email' | 'fullName'>>): Promise<void>;
}
