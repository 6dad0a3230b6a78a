// The level a plain-text line states in its header, beside its timestamp: the column after it
// (`081109 203615 148 INFO`, `03-17 16:13:38.811 1702 2395 D Tag:`, `2016-09-28 04:30:30, Info
// CBS`, `[core:error]`, `W  CONTROL`, Redis `*`/`#`, Cisco `%ASA-6-`), the column before it
// (`INFO  [main] 2024-…`, `[I 241210 …]`, Ruby's `E, [`), a syslog `<PRI>`, or klog's letter.
// An explicit header level wins over words of the message: a Windows CBS line
// `Info CBS Warning: Unrecognized …` is INFO.

import { Level } from '../log-record';
import { HeaderTimestamp } from './header-timestamp';
import { levelFromName } from './level-normalizer';

/** Syslog severities 0-7 (RFC 5424 §6.2.1; Cisco uses the same numbers). */
const SEVERITIES: Level[] = ['CRITICAL', 'CRITICAL', 'CRITICAL', 'ERROR', 'WARNING', 'INFO', 'INFO', 'DEBUG'];
/** Android's priority letters and the one-letter columns of MongoDB, Ruby and Jupyter. */
const LETTERS: Record<number, Level> = { 86: 'TRACE', 68: 'DEBUG', 73: 'INFO', 87: 'WARNING', 69: 'ERROR', 70: 'CRITICAL' };
/** Columns skipped on the way to the level: pids, thread ids, `[12345]`, `[main]`. */
const MAX_SKIPPED = 3;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 44 || c === 45 || c === 124 || c === 58 || c === 93; // space tab , - | : ]
}

/** A word ends a level column when followed by one of these (or the end of the line). */
function endsColumn(c: number): boolean {
  return c !== c || c === 32 || c === 9 || c === 44 || c === 58 || c === 93 || c === 62 || c === 124;
}

export function detectHeaderLevel(line: string, ts: HeaderTimestamp): Level | null {
  if (ts.level !== null) return ts.level;
  if (line.charCodeAt(0) === 60 /* < */ && isDigit(line.charCodeAt(1))) {
    const close = line.indexOf('>');
    const pri = close > 1 && close < 5 ? Number(line.slice(1, close)) : NaN;
    if (pri >= 0 && pri < 192) return SEVERITIES[pri % 8];
  }
  return levelAfter(line, ts.end) ?? (ts.start > 0 ? levelColumn(line, line.charCodeAt(0) === 91 ? 1 : 0, true) : null);
}

function levelAfter(line: string, from: number): Level | null {
  let p = from;
  for (let skipped = 0; skipped <= MAX_SKIPPED; skipped++) {
    while (p < line.length && isSeparator(line.charCodeAt(p))) p++;
    const c = line.charCodeAt(p);
    const level = levelColumn(line, p, false);
    if (level !== null) return level;
    // Numbers and bracketed names are columns to pass; anything else is the message.
    let end = p;
    if (isDigit(c)) {
      while (isDigit(line.charCodeAt(end))) end++;
    } else if (c === 91) {
      end = line.indexOf(']', p);
      if (end === -1 || end - p > 40) return null;
      end++;
    }
    if (end === p || !endsColumn(line.charCodeAt(end))) return null;
    p = end;
  }
  return null;
}

/** A level written as the column at `p`: `INFO`, `Info`, `[warn]`, `[core:error]`, `<Error>`, `D`, `*`, `%ASA-6-`. */
function levelColumn(line: string, p: number, before: boolean): Level | null {
  const c = line.charCodeAt(p);
  if (c === 91 || c === 60) {
    const close = line.indexOf(c === 91 ? ']' : '>', p + 1);
    if (close === -1 || close - p > 24) return null;
    const inner = line.slice(line.lastIndexOf(':', close) > p ? line.lastIndexOf(':', close) + 1 : p + 1, close).trim();
    return inner.length > 1 ? levelFromName(inner) : null;
  }
  if (c === 37 /* % */) return ciscoSeverity(line, p + 1);
  const next = line.charCodeAt(p + 1);
  if (!before && (c === 42 || c === 35) && next === 32) return c === 42 ? 'INFO' : 'WARNING'; // Redis `*`, `#`
  if (!isLetter(c)) return null;
  let end = p;
  while (isLetter(line.charCodeAt(end))) end++;
  if (end - p === 1) {
    // One letter: Android's `D Tag:` / `D/Tag(`, MongoDB's `I  NETWORK`, Ruby's `I, [`.
    return endsColumn(next) || next === 47 ? (LETTERS[c] ?? null) : null;
  }
  if (end - p > 11 || !endsColumn(line.charCodeAt(end))) return null;
  return levelFromName(line.slice(p, end));
}

/** `%ASA-6-302013:` → severity 6. */
function ciscoSeverity(line: string, p: number): Level | null {
  let q = p;
  while (isLetter(line.charCodeAt(q)) || line.charCodeAt(q) === 95) q++;
  if (q === p || line.charCodeAt(q) !== 45 || line.charCodeAt(q + 2) !== 45) return null;
  const n = line.charCodeAt(q + 1) - 48;
  return n >= 0 && n <= 7 ? SEVERITIES[n] : null;
}
