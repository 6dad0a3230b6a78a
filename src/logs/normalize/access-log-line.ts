// Common / combined access log lines (Apache, nginx):
//   127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "ref" "agent"
// Scanned by hand: this runs on every line of a text upload that has no leading timestamp.

import { parseTimestamp } from './timestamp-parser';

export interface AccessLogEntry {
  timestamp: number;
  client_ip: string;
  user_id: string | null;
  method: string | null;
  endpoint: string | null;
  status_code: number | null;
  bytes: number | null;
  referrer: string | null;
  user_agent: string | null;
}

/** Parses one access-log line, or returns null when the line does not have that shape. */
export function parseAccessLogLine(line: string, now: number): AccessLogEntry | null {
  const hostEnd = line.indexOf(' ');
  if (hostEnd <= 0 || line.charCodeAt(0) <= 32) return null;
  const identEnd = line.indexOf(' ', hostEnd + 1);
  if (identEnd === -1) return null;
  const open = line.indexOf(' [', identEnd);
  // The user field may not contain spaces, so `[` follows right after it.
  if (open === -1 || line.indexOf(' ', identEnd + 1) !== open) return null;
  const close = line.indexOf(']', open + 2);
  if (close === -1) return null;
  const timestamp = parseTimestamp(line.slice(open + 2, close), now);
  if (timestamp === null) return null;

  let p = close + 1;
  if (line.charCodeAt(p) !== 32 || line.charCodeAt(p + 1) !== 34 /* " */) return null;
  const request = readQuoted(line, p + 1);
  if (request === null) return null;
  p = quotedEnd;
  const status = readToken(line, p);
  p = tokenEnd;
  const bytes = readToken(line, p);
  p = tokenEnd;
  if (status === null || (status !== '-' && !isUnsignedInt(status))) return null;
  if (bytes !== null && bytes !== '-' && !isUnsignedInt(bytes)) return null;

  let referrer: string | null = null;
  let userAgent: string | null = null;
  if (line.charCodeAt(p) === 32 && line.charCodeAt(p + 1) === 34) {
    referrer = readQuoted(line, p + 1);
    p = quotedEnd;
    if (referrer !== null && line.charCodeAt(p) === 32 && line.charCodeAt(p + 1) === 34) {
      userAgent = readQuoted(line, p + 1);
    }
  }

  const firstSpace = request.indexOf(' ');
  const secondSpace = firstSpace === -1 ? -1 : request.indexOf(' ', firstSpace + 1);
  const hasRequestLine = firstSpace > 0 && request !== '-';
  const user = line.slice(identEnd + 1, open);
  return {
    timestamp,
    client_ip: line.slice(0, hostEnd),
    user_id: user === '-' ? null : user,
    method: hasRequestLine ? request.slice(0, firstSpace) : null,
    endpoint: hasRequestLine ? request.slice(firstSpace + 1, secondSpace === -1 ? undefined : secondSpace) : null,
    status_code: status === '-' ? null : Number(status),
    bytes: bytes === null || bytes === '-' ? null : Number(bytes),
    referrer: dash(referrer),
    user_agent: dash(userAgent),
  };
}

let quotedEnd = 0;
let tokenEnd = 0;

/** The `"..."` starting at `p` (Apache escapes `"` as `\"`), unescaped; sets quotedEnd after the closing quote. */
function readQuoted(line: string, p: number): string | null {
  let escaped = false;
  for (let i = p + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 /* \ */) {
      escaped = true;
      i++;
    } else if (c === 34) {
      quotedEnd = i + 1;
      const inner = line.slice(p + 1, i);
      return escaped ? inner.replace(/\\(.)/g, '$1') : inner;
    }
  }
  return null;
}

/** A space-led token at `p`; sets tokenEnd after it. */
function readToken(line: string, p: number): string | null {
  tokenEnd = p;
  if (line.charCodeAt(p) !== 32) return null;
  let end = p + 1;
  while (end < line.length && line.charCodeAt(end) !== 32) end++;
  if (end === p + 1) return null;
  tokenEnd = end;
  return line.slice(p + 1, end);
}

function isUnsignedInt(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

function dash(s: string | null): string | null {
  return s === null || s === '-' || s === '' ? null : s;
}
