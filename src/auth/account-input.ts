import { badParameter } from '../platform/http/bad-request';
import { Role, ROLES } from './auth-types';

/** Field rules shared by registration, profile changes and admin-created users. */
type Body = Record<string, unknown> | undefined | null;

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 8;
/** bcrypt reads 72 bytes; longer input is refused rather than silently cut. */
const MAX_PASSWORD_BYTES = 72;

export function requiredString(body: Body, key: string): string {
  const value = body?.[key];
  if (typeof value !== 'string' || value === '') throw badParameter(key, 'is required');
  return value;
}

export function parseUsername(body: Body, key = 'username'): string {
  const value = requiredString(body, key);
  if (!USERNAME.test(value)) throw badParameter(key, 'must be 3 to 64 characters of letters, digits, _ . or -');
  return value;
}

export function parsePassword(body: Body, key = 'password'): string {
  const value = requiredString(body, key);
  if (value.length < MIN_PASSWORD) throw badParameter(key, `must be at least ${MIN_PASSWORD} characters`);
  if (Buffer.byteLength(value) > MAX_PASSWORD_BYTES) throw badParameter(key, `must be at most ${MAX_PASSWORD_BYTES} bytes`);
  return value;
}

export function parseEmail(body: Body, required: boolean, key = 'email'): string | null | undefined {
  const value = body?.[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw badParameter(key, 'is required');
    return value === undefined ? undefined : null;
  }
  if (typeof value !== 'string' || value.length > 254 || !EMAIL.test(value)) throw badParameter(key, 'must be an email address like name@example.com');
  return value;
}

export function parseFullName(body: Body, key = 'full_name'): string | null | undefined {
  const value = body?.[key];
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 200) throw badParameter(key, 'must be text of at most 200 characters');
  return value.trim();
}

export function parseRole(body: Body, required: boolean, key = 'role'): Role | undefined {
  const value = body?.[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) throw badParameter(key, `must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

export function parseBoolean(body: Body, key: string): boolean | undefined {
  const value = body?.[key];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'on' || value === '1') return true;
  if (value === 'false' || value === 'off' || value === '0' || value === '') return false;
  throw badParameter(key, 'must be true or false');
}
