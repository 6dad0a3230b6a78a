import { API_USER_PROPERTIES } from '../auth/auth.openapi';
import { ROLES } from '../auth/auth-types';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, obj, ok, oneOf, str, time } from '../openapi/schema';

const TENANT = component('Tenant', obj({ id: str(), name: str(), created_at: time() }));
const ADMIN_USER = component('AdminUser', obj({ ...API_USER_PROPERTIES, disabled: bool(), tenant_name: str() }));
const SETTINGS = ok({ open_registration: bool(), open_registration_source: str('config (LOGNEST_OPEN_REGISTRATION) or stored') });

export const ADMIN_DOCS = {
  createTenant: {
    summary: 'Create a tenant', body: input({ name: str(undefined, { pattern: '^[A-Za-z0-9 _.-]{1,64}$' }) }, ['name']),
    response: ok({ id: str(), name: str() }), responses: { 409: 'A tenant of that name exists' },
  },
  tenants: { summary: 'Every tenant', response: ok({ tenants: arr(TENANT) }) },
  deleteTenant: {
    summary: 'Delete a tenant and all its data',
    description: 'Its logs (in the log store), files, saved searches, search history, API and login tokens, users, alerts, channels, silences and settings. The tenant of the caller cannot be deleted.',
    response: ok({ id: str(), deleted: obj({ logs: int(), users: int() }, { open: true }) }),
    responses: { 404: 'No such tenant', 409: "Your own tenant, or the installation's last one" },
  },
  users: { summary: 'Users (a tenant admin sees their own tenant; an installation admin every tenant)', response: ok({ users: arr(ADMIN_USER) }) },
  createUser: {
    summary: 'Create a user',
    body: input({
      username: str(undefined, { pattern: '^[A-Za-z0-9_.-]{3,64}$' }), password: str(undefined, { minLength: 8, format: 'password' }), role: oneOf(ROLES),
      tenant_id: str('Installation admins: the tenant (default: your own)'), installation_admin: bool(), email: str(undefined, { format: 'email' }), full_name: str(),
    }, ['username', 'password', 'role']),
    response: ok({ id: str() }), responses: { 409: 'The username is taken' },
  },
  updateUser: {
    summary: "Change a user's role, disable or enable them", body: input({ role: oneOf(ROLES), disabled: bool(), installation_admin: bool() }),
    response: ok({ user: ADMIN_USER }), responses: { 404: 'No such user (in your reach)' },
  },
  settings: { summary: 'Installation settings', response: SETTINGS },
  updateSettings: { summary: 'Open or close registration', body: input({ open_registration: bool() }, ['open_registration']), response: SETTINGS },
} satisfies Record<string, ApiDocOptions>;

export const RETENTION_DOCS = {
  setRetention: {
    summary: "Set a tenant's retention (null keeps everything)",
    body: input({ retention_days: { type: 'integer', minimum: 1, maximum: 36_500, nullable: true } }, ['retention_days']),
    response: ok({ id: str(), retention_days: { type: 'integer', nullable: true } }), responses: { 404: 'No such tenant' },
  },
  overview: {
    summary: 'Retention, record count, oldest record and size per tenant',
    response: ok({ tenants: arr(obj({ id: str(), name: str(), retention_days: { type: 'integer', nullable: true }, records: int(), oldest_record: { type: 'string', format: 'date-time', nullable: true }, size_bytes: int('Estimated from the store size and the share of records') })) }),
  },
  run: { summary: 'Apply retention now', response: ok({ deleted: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Records deleted per tenant id' } }) },
} satisfies Record<string, ApiDocOptions>;
