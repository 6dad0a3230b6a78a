/** The browser session cookie's name. */
export const SESSION_COOKIE = 'lognest.sid';

const TOKEN_PREFIX = 'lgn_';

/**
 * The token an `Authorization` header carries: `Bearer <token>`; `ApiKey <token>` or
 * `ApiKey base64(id:token)` (what Elasticsearch clients and shippers send); `Basic
 * base64(anyone:token)` (shippers that only know a user and password). Null for anything else.
 */
export function tokenOfAuthorization(authorization: string | undefined): string | null {
  const match = authorization === undefined ? null : /^(Bearer|ApiKey|Basic)\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return null;
  const scheme = match[1].toLowerCase();
  if (scheme === 'bearer' || (scheme === 'apikey' && match[2].startsWith(TOKEN_PREFIX))) return match[2];
  const decoded = Buffer.from(match[2], 'base64').toString('utf8');
  const token = decoded.slice(decoded.indexOf(':') + 1);
  // Only a Lognest token: a reverse proxy's own Basic login must not turn sessions off.
  return token.startsWith(TOKEN_PREFIX) ? token : null;
}

/** Whether the request authenticates with a token (see above); such requests get no session. */
export function hasBearer(authorization: string | undefined): boolean {
  return tokenOfAuthorization(authorization) !== null;
}
