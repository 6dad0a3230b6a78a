// Level names and numbers from the logging libraries people actually use (log4j, Python logging,
// syslog names, pino/bunyan numbers, .NET, java.util.logging, Android/glog letters) mapped to
// the canonical six.

import { Level } from '../log-record';

const NAMES: Record<string, Level> = {
  // Serilog's three-letter levels: VRB DBG INF WRN ERR FTL.
  trace: 'TRACE', trc: 'TRACE', vrb: 'TRACE', finest: 'TRACE', finer: 'TRACE', silly: 'TRACE', verbose: 'TRACE',
  debug: 'DEBUG', dbg: 'DEBUG', fine: 'DEBUG',
  info: 'INFO', inf: 'INFO', information: 'INFO', informational: 'INFO', notice: 'INFO', note: 'INFO', log: 'INFO',
  warn: 'WARNING', warning: 'WARNING', wrn: 'WARNING',
  err: 'ERROR', error: 'ERROR', eror: 'ERROR', severe: 'ERROR', failure: 'ERROR', // BGL's FAILURE
  fatal: 'CRITICAL', ftl: 'CRITICAL', crit: 'CRITICAL', critical: 'CRITICAL', alert: 'CRITICAL', emerg: 'CRITICAL',
  emergency: 'CRITICAL', panic: 'CRITICAL',
};

/** Single letters (Android, glog, some formatters); only trusted as a whole value or inside brackets. */
const LETTERS: Record<string, Level> = {
  t: 'TRACE', v: 'TRACE', d: 'DEBUG', i: 'INFO', w: 'WARNING', e: 'ERROR', f: 'CRITICAL', c: 'CRITICAL',
};

// Lower, UPPER and Capitalized spellings are looked up without lower-casing the input.
const BY_NAME = new Map<string, Level>();
for (const table of [NAMES, LETTERS]) {
  for (const [name, level] of Object.entries(table)) {
    BY_NAME.set(name, level);
    BY_NAME.set(name.toUpperCase(), level);
    BY_NAME.set(name[0].toUpperCase() + name.slice(1), level);
  }
}

/** Level for a name (any case, no numbers), or null. */
export function levelFromName(name: string): Level | null {
  return BY_NAME.get(name) ?? BY_NAME.get(name.toLowerCase()) ?? null;
}

/** pino/bunyan numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; custom levels round down. */
function levelFromNumber(n: number): Level | null {
  if (!Number.isFinite(n) || n < 10) return null;
  if (n >= 60) return 'CRITICAL';
  if (n >= 50) return 'ERROR';
  if (n >= 40) return 'WARNING';
  if (n >= 30) return 'INFO';
  if (n >= 20) return 'DEBUG';
  return 'TRACE';
}

/** The canonical level for a record's level value, or null when it is not recognizable. */
export function normalizeLevel(value: unknown): Level | null {
  if (typeof value === 'string') {
    const direct = BY_NAME.get(value);
    if (direct !== undefined) return direct;
    const trimmed = value.trim();
    if (trimmed.length === 0) return null;
    const c = trimmed.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const n = Number(trimmed);
      return Number.isNaN(n) ? null : levelFromNumber(n);
    }
    return levelFromName(trimmed);
  }
  if (typeof value === 'number') return levelFromNumber(value);
  return null;
}

const SCAN_LIMIT = 160;
const KEY_NAMES = new Set(['level', 'lvl', 'severity', 'loglevel', 'log_level', 'levelname']);

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isUpperWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** `"level":` of JSON inside a text line (container runtimes wrap JSON logs in a text header). */
function isQuotedKey(text: string, end: number): boolean {
  return text.charCodeAt(end) === 34 && text.charCodeAt(end + 1) === 58;
}

const CLOSERS: Record<number, number> = { 91: 93, 60: 62, 40: 41 }; // [ ] < > ( )

/**
 * Finds a level token near the start of a text line: `[warn]`, `<E>`, `(error)`, `level=error`,
 * `severity: "warn"`, a bare upper-case `ERROR`/`WARN`, or `Error:` at the start or after `: `
 * (`sshd[42]: error: ...`). Lower-case bare
 * words are not trusted ("could not fetch info").
 */
export function detectLevelInText(text: string): Level | null {
  const limit = text.length < SCAN_LIMIT ? text.length : SCAN_LIMIT;
  let expectValue = false;
  let firstWord = true;
  let i = 0;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && (isLetter(text.charCodeAt(i)) || text.charCodeAt(i) === 95)) i++;
    const end = i;
    const before = start > 0 ? text.charCodeAt(start - 1) : 0;
    const after = end < text.length ? text.charCodeAt(end) : 0;
    const len = end - start;
    if (len <= 13) {
      const bracketed = CLOSERS[before] !== undefined && CLOSERS[before] === after;
      const trusted = expectValue || bracketed;
      // `error: ...` opening the text or a `program[pid]: ` section.
      const opensSection = firstWord || (start >= 2 && before === 32 && text.charCodeAt(start - 2) === 58);
      if (trusted || (len >= 3 && (isUpperWord(text, start, end) || (opensSection && after === 58 /* : */)))) {
        const word = text.slice(start, end);
        // Single letters only as upper case (`<E>`, `[W]`), never `(a)` in prose.
        if (len > 1 || (trusted && c <= 90)) {
          const level = levelFromName(word);
          if (level !== null) return level;
        }
        if (after === 61 /* = */ || after === 58 || isQuotedKey(text, end)) {
          expectValue = KEY_NAMES.has(word.toLowerCase());
          firstWord = false;
          continue;
        }
      } else if (after === 61 || after === 58 || isQuotedKey(text, end)) {
        expectValue = KEY_NAMES.has(text.slice(start, end).toLowerCase());
        firstWord = false;
        continue;
      }
    }
    expectValue = false;
    firstWord = false;
  }
  return null;
}
