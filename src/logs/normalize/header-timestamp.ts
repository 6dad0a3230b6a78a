// Finds the timestamp of a plain-text line in its leading header, not only at column 0:
// `nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 ...` (a file name first),
// `- 1117838570 2005.06.03 ...` (epoch in a column, BGL), `I, [2024-12-10T06:55:46 #1] ...`
// (Ruby). Candidates start at word boundaries within HEADER_LIMIT characters; the most complete
// one wins (scan.quality: written year, seconds, fraction, zone). The first standalone candidate
// with a date and a time to the second ends the search, so a time quoted later in the message
// does not replace the record's own; a yearless one (syslog) is only refined by a later
// candidate with a written year at the same time of year (HAProxy's `[10/Dec/2024:06:55:46.123]`).
// Runs on every text line of ingest: charCodeAt scanning, no regex, one small object per hit.

import { Level } from '../log-record';
import { digitRun, parseEpochColumn, parseKlog, parseMonthLed, parseNumericDate } from './timestamp-forms';
import { MS_PER_DAY, parseDigitLed, parseLetterLed } from './timestamp-parser';
import { isDigit, isFullQuality, Q_YEAR, scan } from './timestamp-scan';

/** Candidates start within this many characters of the line's start. */
const HEADER_LIMIT = 100;
const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

export interface HeaderTimestamp {
  timestamp: number;
  /** Where the timestamp text starts and ends in the line. */
  start: number;
  end: number;
  /** A level that is part of the timestamp's own shape (klog's `I1210`). */
  level: Level | null;
}

const KLOG_LEVELS: Record<number, Level> = { 73: 'INFO', 87: 'WARNING', 69: 'ERROR', 70: 'CRITICAL' }; // I W E F

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** Whitespace, the line's edges and brackets/quotes/`=`/`|`/`,` delimit a column. */
function isColumnEdge(c: number): boolean {
  return c !== c || c <= 32 || c === 91 || c === 93 || c === 60 || c === 62 || c === 34 || c === 61 || c === 124 || c === 44 || c === 40 || c === 41;
}

let candidateMs = NaN;
let candidateQuality = 0;
let candidateEnd = 0;

/** Keeps the latest scanner's result when it is a valid, better, word-bounded timestamp. */
function consider(line: string, ms: number): void {
  if (ms === ms && ms >= MIN_MS && ms <= MAX_MS && scan.quality > candidateQuality && !isAlnum(line.charCodeAt(scan.end))) {
    candidateMs = ms;
    candidateQuality = scan.quality;
    candidateEnd = scan.end;
  }
}

/** The best timestamp starting exactly at `p` (NaN if none); sets candidateEnd / candidateQuality. */
function candidateAt(line: string, p: number, now: number): number {
  candidateMs = NaN;
  candidateQuality = 0;
  if (isDigit(line.charCodeAt(p))) {
    consider(line, parseDigitLed(line, p));
    if (!isFullQuality(candidateQuality)) consider(line, parseNumericDate(line, p, now));
    if (!isFullQuality(candidateQuality) && isColumnEdge(line.charCodeAt(p - 1))) consider(line, parseEpochColumn(line, p, now));
  } else {
    consider(line, parseLetterLed(line, p, now));
    if ((candidateQuality & Q_YEAR) === 0) consider(line, parseMonthLed(line, p));
  }
  return candidateMs;
}

/** `I1210 06:55:46.123456 ...` at the start of the line. */
function klogAt(line: string, now: number): HeaderTimestamp | null {
  const level = KLOG_LEVELS[line.charCodeAt(0)];
  if (level === undefined || digitRun(line, 1) !== 4) return null;
  const ms = parseKlog(line, 0, now);
  if (ms !== ms || isAlnum(line.charCodeAt(scan.end))) return null;
  return { timestamp: ms, start: 0, end: scan.end, level };
}

/** Same month, day and time of day, whatever the year. */
function sameTimeOfYear(a: number, b: number): boolean {
  const da = new Date(a);
  const db = new Date(b);
  return da.getUTCMonth() === db.getUTCMonth() && da.getUTCDate() === db.getUTCDate() && Math.abs((a % MS_PER_DAY) - (b % MS_PER_DAY)) < 1000;
}

/**
 * The timestamp in the line's header, or null. With `columnZeroOnly`, only one that starts the
 * line (after an optional `[`), as in files whose records all start that way.
 */
export function findHeaderTimestamp(line: string, now: number, columnZeroOnly = false): HeaderTimestamp | null {
  const first = line.charCodeAt(0);
  if (first <= 32 || first !== first) return null; // indented: a continuation line
  if (isLetter(first) && isDigit(line.charCodeAt(1))) {
    const klog = klogAt(line, now);
    if (klog !== null) return klog;
  }
  let best: HeaderTimestamp | null = null;
  let bestQuality = 0;
  let refining = false; // a yearless date-time was found: only its year can still improve
  let limit = Math.min(line.length, columnZeroOnly ? 2 : HEADER_LIMIT);
  for (let p = 0; p < limit; p++) {
    const c = line.charCodeAt(p);
    // `program[pid]: text` opens the message: the header ends there.
    if (c === 58 && line.charCodeAt(p + 1) === 32 && !refining) break;
    const prev = p === 0 ? NaN : line.charCodeAt(p - 1);
    if (!isAlnum(c) || isAlnum(prev) || (refining && !isDigit(c))) continue;
    const ms = candidateAt(line, p, now);
    if (ms !== ms) continue;
    if (refining && !((candidateQuality & Q_YEAR) !== 0 && sameTimeOfYear(ms, best!.timestamp))) continue;
    if (candidateQuality > bestQuality) {
      best = { timestamp: ms, start: p, end: candidateEnd, level: null };
      bestQuality = candidateQuality;
    }
    if (isFullQuality(bestQuality)) {
      if ((bestQuality & Q_YEAR) === 0) {
        refining = true;
        limit = Math.min(line.length, HEADER_LIMIT);
      }
      else if (refining || (isColumnEdge(prev) && isColumnEdge(line.charCodeAt(candidateEnd)))) break;
    }
    p = Math.max(p, candidateEnd - 1);
  }
  return best;
}
