import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, nullable, obj, ok, oneOf, str, time } from '../openapi/schema';
import { ROLES } from './auth-types';
import { API_TOKEN_SCOPES } from './tokens/api-tokens.service';

/** toApiUser: the seed's user shape (`_id` kept), never the password hash. */
export const API_USER_PROPERTIES = {
  id: str(), _id: str(), username: str(), email: nullable(str()), full_name: nullable(str()), role: oneOf(ROLES),
  installation_admin: bool(), tenant_id: str(), created_at: time(), last_login: nullable(time()),
};
export const API_USER = component('User', obj(API_USER_PROPERTIES));

const CREDENTIALS = input({ username: str(), password: str(undefined, { format: 'password' }) }, ['username', 'password']);
const LOGIN_FAILED = { 401: 'Wrong username or password', 429: 'Too many failed logins for this username or address; see Retry-After' };

export const AUTH_DOCS = {
  login: {
    summary: 'Log in for a bearer token (API clients)', body: CREDENTIALS,
    response: ok({ token: str(), access_token: str('Same as token'), token_type: str('bearer'), expires_in: int('Seconds'), expires_at: time(), user: API_USER }),
    responses: LOGIN_FAILED,
  },
} satisfies Record<string, ApiDocOptions>;

export const ACCOUNTS_DOCS = {
  register: {
    summary: 'Create an account (when registration is open)',
    body: input({ username: str(undefined, { pattern: '^[A-Za-z0-9_.-]{3,64}$' }), password: str(undefined, { minLength: 8, format: 'password' }), email: str(undefined, { format: 'email' }), full_name: str() }, ['username', 'password', 'email']),
    response: ok({ message: str(), user_id: str() }),
    responses: { 403: 'Registration is closed', 409: 'The username or email is taken' },
  },
  login: {
    summary: 'Log in with a session cookie (browsers)', description: 'Starts a fresh session and answers its CSRF token; checks Origin / Sec-Fetch-Site against login CSRF.',
    body: input({ username: str(), password: str(undefined, { format: 'password' }), remember_me: bool() }, ['username', 'password']),
    consumes: ['application/json', 'application/x-www-form-urlencoded'],
    response: ok({ message: str(), user: API_USER, csrf_token: str() }),
    responses: { ...LOGIN_FAILED, 403: 'A cross-site login' },
  },
  logout: {
    summary: 'Log out: ends the session; with a bearer login token, revokes that token',
    response: ok({ message: str(), token_revoked: bool() }, ['token_revoked']),
    responses: { 403: 'A cross-site logout' },
  },
  current: { summary: 'The signed-in user', response: ok({ user: API_USER }) },
  profile: {
    summary: 'Change your email and full name', body: input({ email: nullable(str(undefined, { format: 'email' })), full_name: nullable(str()) }),
    response: ok({ message: str(), user: API_USER }),
  },
  password: {
    summary: 'Change your password (your other sessions are signed out)',
    body: input({ current_password: str(undefined, { format: 'password' }), new_password: str(undefined, { minLength: 8, format: 'password' }) }, ['current_password', 'new_password']),
    response: ok({ message: str() }),
  },
} satisfies Record<string, ApiDocOptions>;

export const CSRF_DOCS = {
  token: { summary: "The session's CSRF token (send it as X-CSRF-Token); null for bearer requests", response: ok({ token: nullable(str()), message: str() }, ['message']) },
} satisfies Record<string, ApiDocOptions>;

const API_TOKEN = component('ApiToken', obj({ id: str(), name: str(), scope: oneOf(API_TOKEN_SCOPES), created_at: time(), last_used_at: nullable(time()) }));

export const TOKENS_DOCS = {
  create: {
    summary: 'Create an API token (shown once)', body: input({ name: str(undefined, { minLength: 1, maxLength: 100 }), scope: oneOf(API_TOKEN_SCOPES) }, ['name', 'scope']),
    response: ok({ id: str(), token: str(), name: str(), scope: oneOf(API_TOKEN_SCOPES) }),
  },
  list: { summary: 'Your API tokens (never their secrets)', response: ok({ tokens: arr(API_TOKEN) }) },
  remove: { summary: 'Revoke one of your API tokens', response: ok({ message: str() }), responses: { 404: 'No such token of yours' } },
} satisfies Record<string, ApiDocOptions>;
