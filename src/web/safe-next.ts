/**
 * Where to go after signing in: `next` only when it is a path on this site (`/search?q=x`),
 * never another origin (`//evil.example`, `/\evil.example`, `https://...`); else `/`.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(raw)) return '/';
  // The URL parser is the final word: the result must stay on a dummy origin.
  try {
    const url = new URL(raw, 'http://lognest.invalid');
    if (url.origin !== 'http://lognest.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
