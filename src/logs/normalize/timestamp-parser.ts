// Timestamp recognition for the ingest hot path (~1M calls/s). Every format is scanned by hand
// with charCodeAt: no regex, no `new Date(string)`, no allocation on success. Each scanner
// returns epoch ms (NaN when the text does not match) and leaves the index just after the
// timestamp in `scanEnd`, so the same code serves whole values and line prefixes.
// Times without a zone are UTC.

import {
  daysFromCivil,
  isDigit,
  monthAt,
  Q_DATE,
  Q_FRACTION,
  Q_SECONDS,
  Q_TIME,
  Q_YEAR,
  Q_ZONE,
  readDigits,
  readFraction,
  readZone,
  scan,
  weekdayAt,
} from './timestamp-scan';

export const MS_PER_DAY = 86_400_000;
const MIN_MS = -62_135_596_800_000; // 0001-01-01
const MAX_MS = 253_402_300_799_999; // 9999-12-31

/** Converts a value (epoch number, ISO / RFC 2822 / syslog / Apache / access-log text, Date) to epoch ms. */
export function parseTimestamp(value: unknown, now: number): number | null {
  if (typeof value === 'string') return parseTimestampString(value, now);
  if (typeof value === 'number') return epochToMs(value);
  if (value instanceof Date) return checked(value.getTime());
  if (typeof value === 'bigint') return epochToMs(Number(value));
  return null;
}

/** Epoch seconds, ms, µs or ns, told apart by magnitude (seconds up to year 5138, ms from 1973). */
function epochToMs(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  let ms: number;
  if (n < 1e11) ms = n * 1000;
  else if (n < 1e14) ms = n;
  else if (n < 1e17) ms = n / 1000;
  else ms = n / 1e6;
  return checked(Math.floor(ms));
}

function checked(ms: number): number | null {
  return ms >= MIN_MS && ms <= MAX_MS ? ms : null;
}

function parseTimestampString(raw: string, now: number): number | null {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 32) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return null;
  // `[...]` as Apache and access logs write it.
  if (raw.charCodeAt(start) === 91 /* [ */ && raw.charCodeAt(end - 1) === 93 /* ] */) {
    start++;
    end--;
  }
  const s = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  const c = s.charCodeAt(0);
  let ms = NaN;
  if (isDigit(c)) {
    ms = parseDigitLed(s, 0);
    if (ms !== ms || scan.end !== s.length) return parseEpochString(s);
  } else {
    ms = parseLetterLed(s, 0, now);
  }
  if (ms !== ms || scan.end !== s.length) return null;
  return checked(ms);
}

/** Numeric strings: `1733810146`, `1733810146.123`, `1733810146123`, `1733810146123456789`. */
function parseEpochString(s: string): number | null {
  let dot = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */ && dot === -1) dot = i;
    else if (!isDigit(c)) return null;
  }
  if (dot === 0 || dot === s.length - 1) return null;
  return epochToMs(Number(s));
}

/** A timestamp starting with a digit: ISO 8601 / RFC 3339, `10/Oct/2000:13:55:36 -0700`, `10 Dec 2024 06:55:46 +0100`. */
export function parseDigitLed(s: string, i: number): number {
  const c4 = s.charCodeAt(i + 4);
  if (c4 === 45 /* - */) return parseIso(s, i);
  const c2 = s.charCodeAt(i + 2);
  const c1 = s.charCodeAt(i + 1);
  if (c2 === 47 /* / */ || (c1 === 47 && isDigit(c2) === false)) return parseAccessDate(s, i);
  if (c2 === 32 || c1 === 32) return parseRfc2822(s, i);
  return NaN;
}

/** A timestamp starting with a letter: RFC 2822 with weekday, Apache/ctime, syslog. */
export function parseLetterLed(s: string, i: number, now: number): number {
  if (weekdayAt(s, i)) {
    const c3 = s.charCodeAt(i + 3);
    if (c3 === 44 /* , */) return parseRfc2822(s, i + (s.charCodeAt(i + 4) === 32 ? 5 : 4));
    if (c3 === 32) return parseCtime(s, i + 4);
    return NaN;
  }
  return parseSyslog(s, i, now);
}

/** `YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)frac]]][ ][Z|±HH[:MM]| UTC]` */
function parseIso(s: string, i: number): number {
  const y = readDigits(s, i, 4);
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return NaN;
  const mo = readDigits(s, i + 5, 2);
  const d = readDigits(s, i + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const days = daysFromCivil(y, mo, d);
  if (days !== days) return NaN;
  let p = i + 10;
  const sep = s.charCodeAt(p);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32) {
    scan.end = p;
    scan.quality = Q_DATE + Q_YEAR;
    return days * MS_PER_DAY;
  }
  const tod = readTimeOfDay(s, p + 1, true);
  if (tod !== tod) {
    if (sep !== 32) return NaN;
    scan.end = p; // date followed by text
    scan.quality = Q_DATE + Q_YEAR;
    return days * MS_PER_DAY;
  }
  return withZone(s, days * MS_PER_DAY + tod, Q_DATE + Q_YEAR + scan.quality);
}

/** Adds the zone after a date-time at scan.end (sets scan.quality from `quality` and the zone). */
export function withZone(s: string, localMs: number, quality: number): number {
  const p = scan.end;
  const offset = readZone(s, p);
  scan.quality = scan.end > p ? quality + Q_ZONE : quality;
  return localMs - offset;
}

/**
 * `HH:MM[:SS[(.|,)frac]]` as ms since midnight; seconds optional only when `allowNoSeconds`.
 * Sets scan.end after the last consumed character and scan.quality to its Q_TIME parts.
 */
export function readTimeOfDay(s: string, p: number, allowNoSeconds: boolean): number {
  const h = readDigits(s, p, 2);
  const mi = readDigits(s, p + 3, 2);
  if (s.charCodeAt(p + 2) !== 58 || h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
  let end = p + 5;
  let sec = 0;
  let frac = 0;
  let quality = Q_TIME;
  if (s.charCodeAt(end) === 58 /* : */) {
    sec = readDigits(s, end + 1, 2);
    if (sec < 0 || sec > 60) return NaN;
    end += 3;
    quality += Q_SECONDS;
    const f = s.charCodeAt(end);
    if ((f === 46 /* . */ || f === 44) /* , */ && isDigit(s.charCodeAt(end + 1))) {
      frac = readFraction(s, end + 1);
      end = scan.end;
      quality += Q_FRACTION;
    }
  } else if (!allowNoSeconds) {
    return NaN;
  }
  scan.end = end;
  scan.quality = quality;
  return ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}

/** `10/Oct/2000:13:55:36 -0700` (zone optional). */
function parseAccessDate(s: string, i: number): number {
  return parseDayMonthYear(s, i, 47 /* / */, 58 /* : */, false);
}

/** RFC 2822 after the optional weekday: `10 Dec 2024 06:55:46 +0100` (zone optional, seconds optional). */
function parseRfc2822(s: string, i: number): number {
  return parseDayMonthYear(s, i, 32, 32, true);
}

/** `D<sep>Mon<sep>YYYY<afterYear>HH:MM[:SS] [zone]`, the shape shared by access logs and RFC 2822. */
export function parseDayMonthYear(s: string, i: number, sep: number, afterYear: number, allowNoSeconds: boolean): number {
  const d = readDay(s, i);
  const p = scan.end;
  if (d < 1 || s.charCodeAt(p) !== sep) return NaN;
  const mo = monthAt(s, p + 1);
  if (mo === 0 || s.charCodeAt(p + 4) !== sep) return NaN;
  const y = readDigits(s, p + 5, 4);
  if (y < 0 || s.charCodeAt(p + 9) !== afterYear) return NaN;
  const days = daysFromCivil(y, mo, d);
  const tod = readTimeOfDay(s, p + 10, allowNoSeconds);
  if (days !== days || tod !== tod) return NaN;
  return withZone(s, days * MS_PER_DAY + tod, Q_DATE + Q_YEAR + scan.quality);
}

/** A one- or two-digit day at `p` (after an optional extra space, as in `Dec  4`); sets scan.end after it. */
export function readDay(s: string, p: number): number {
  const twoDigits = isDigit(s.charCodeAt(p + 1));
  scan.end = p + (twoDigits ? 2 : 1);
  return readDigits(s, p, twoDigits ? 2 : 1);
}

/** Apache error log / ctime after the weekday: `Dec 04 04:47:44[.micros] 2005`. */
function parseCtime(s: string, i: number): number {
  const mo = monthAt(s, i);
  if (mo === 0 || s.charCodeAt(i + 3) !== 32) return NaN;
  const d = readDay(s, s.charCodeAt(i + 4) === 32 ? i + 5 : i + 4); // `Dec  4`
  if (d < 1 || s.charCodeAt(scan.end) !== 32) return NaN;
  const tod = readTimeOfDay(s, scan.end + 1, false);
  if (tod !== tod) return NaN;
  const p = scan.end;
  if (s.charCodeAt(p) !== 32) return NaN;
  const y = readDigits(s, p + 1, 4);
  const days = daysFromCivil(y, mo, d);
  if (y < 0 || days !== days) return NaN;
  scan.quality += Q_DATE + Q_YEAR;
  scan.end = p + 5;
  return days * MS_PER_DAY + tod;
}

/** Syslog RFC 3164 `Dec 10 06:55:46` / `Dec  1 06:55:46`: the year is the one that puts it at most a day after `now`. */
function parseSyslog(s: string, i: number, now: number): number {
  const mo = monthAt(s, i);
  if (mo === 0 || s.charCodeAt(i + 3) !== 32) return NaN;
  const d = readDay(s, s.charCodeAt(i + 4) === 32 ? i + 5 : i + 4);
  if (d < 1 || s.charCodeAt(scan.end) !== 32) return NaN;
  const tod = readTimeOfDay(s, scan.end + 1, false);
  if (tod !== tod) return NaN;
  const end = scan.end;
  const quality = scan.quality + Q_DATE;
  const ms = inferYear(mo, d, tod, now);
  scan.end = end;
  scan.quality = quality;
  return ms;
}

/**
 * A month, day and time of day in the latest year that does not put it more than a day after
 * `now` (clocks drift; Feb 29 only exists in leap years). NaN when no year in 8 fits.
 */
export function inferYear(mo: number, d: number, tod: number, now: number): number {
  let year = utcYear(now);
  let days = daysFromCivil(year, mo, d);
  for (let tries = 0; days !== days || days * MS_PER_DAY + tod > now + MS_PER_DAY; tries++) {
    if (tries === 8) return NaN;
    days = daysFromCivil(--year, mo, d);
  }
  return days * MS_PER_DAY + tod;
}

let cachedNow = NaN;
let cachedYear = 0;

function utcYear(now: number): number {
  if (now !== cachedNow) {
    cachedYear = new Date(now).getUTCFullYear();
    cachedNow = now;
  }
  return cachedYear;
}
