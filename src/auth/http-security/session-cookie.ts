/** The browser session cookie's name. */
export const SESSION_COOKIE = 'lognest.sid';

const COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE.replace('.', '\\.')}=`);

/** Whether the request carries a session cookie at all (valid or not). */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader !== undefined && COOKIE_PATTERN.test(cookieHeader);
}

/** Whether the request authenticates with `Authorization: Bearer`; such requests get no session. */
export function hasBearer(authorization: string | undefined): boolean {
  return authorization !== undefined && /^Bearer\s/i.test(authorization);
}
