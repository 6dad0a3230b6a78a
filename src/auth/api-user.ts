import { User } from './auth-types';

/** A user as the API shows it (the seed's shape, `_id` kept for its clients); never the hash. */
export function toApiUser(user: User) {
  return {
    id: user.id,
    _id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    installation_admin: user.installationAdmin,
    tenant_id: user.tenantId,
    created_at: new Date(user.createdAt).toISOString(),
    last_login: user.lastLogin ? new Date(user.lastLogin).toISOString() : null,
  };
}
