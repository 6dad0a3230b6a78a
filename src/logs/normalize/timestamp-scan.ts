// Character-level helpers shared by the timestamp scanners. They read from a string at an index
// and report how far they got through `scan.end`, so the hot path allocates nothing.

/**
 * What the latest scanner call read: `end`, the index just after its last character, and
 * `quality`, how complete the timestamp was (a sum of the Q_ parts below), so that a line
 * with several candidates keeps the most complete one.
 */
export const scan = { end: 0, quality: 0 };

// Distinct bits, ordered by how much each part is worth: a sum of them compares candidates.
export const Q_DATE = 32;
export const Q_YEAR = 16; // written, not inferred
export const Q_TIME = 8;
export const Q_SECONDS = 4;
export const Q_ZONE = 2;
export const Q_FRACTION = 1;
/** A date (year written or inferred) with a time to the second. */
export const Q_FULL = Q_DATE + Q_TIME + Q_SECONDS;

export function isFullQuality(quality: number): boolean {
  return (quality & Q_FULL) === Q_FULL;
}
/** Epoch numbers carry everything. */
export const Q_EPOCH = Q_DATE + Q_YEAR + Q_TIME + Q_SECONDS + Q_ZONE;

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Exactly `n` ASCII digits at `p` as a number, or -1. */
export function readDigits(s: string, p: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(p + k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Fraction digits at `p` as milliseconds (`5` → 500, `123456` → 123); sets scan.end after the last digit. */
export function readFraction(s: string, p: number): number {
  let ms = 0;
  let k = 0;
  while (isDigit(s.charCodeAt(p + k))) {
    if (k < 3) ms = ms * 10 + (s.charCodeAt(p + k) - 48);
    k++;
  }
  for (let pad = k; pad < 3; pad++) ms *= 10;
  scan.end = p + k;
  return ms;
}

function key3(s: string, p: number): number {
  return ((s.charCodeAt(p) | 32) << 16) | ((s.charCodeAt(p + 1) | 32) << 8) | (s.charCodeAt(p + 2) | 32);
}

function k(name: string): number {
  return key3(name, 0);
}

const MONTHS = new Map<number, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [k(m), i + 1]),
);
const WEEKDAYS = new Set<number>(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(k));

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** Month 1-12 for a three-letter English abbreviation at `p` (any case), else 0. */
export function monthAt(s: string, p: number): number {
  if (p + 3 > s.length || isLetter(s.charCodeAt(p + 3))) return 0;
  return MONTHS.get(key3(s, p)) ?? 0;
}

export function weekdayAt(s: string, p: number): boolean {
  return p + 3 <= s.length && !isLetter(s.charCodeAt(p + 3)) && WEEKDAYS.has(key3(s, p));
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm), NaN if the day does not exist. */
export function daysFromCivil(y: number, m: number, d: number): number {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m]) return NaN;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const NAMED_ZONES = new Map<number, number>([
  [k('utc'), 0],
  [k('gmt'), 0],
  [k('est'), -5],
  [k('edt'), -4],
  [k('cst'), -6],
  [k('cdt'), -5],
  [k('mst'), -7],
  [k('mdt'), -6],
  [k('pst'), -8],
  [k('pdt'), -7],
]);

/**
 * A zone at `p`: `Z`, `±HH:MM`, `±HHMM`, `±HH`, or after one space `±HHMM`, `±HH:MM`, `UTC`, `GMT`,
 * `UT`, `Z`, US zone names. Returns the offset east of UTC in ms (0 when there is none) and sets
 * scan.end after it (to `p` when there is none).
 */
export function readZone(s: string, p: number): number {
  scan.end = p;
  let c = s.charCodeAt(p);
  if (c === 90 || c === 122 /* Z z */) {
    if (isLetter(s.charCodeAt(p + 1))) return 0;
    scan.end = p + 1;
    return 0;
  }
  let q = p;
  const spaced = c === 32;
  if (spaced) c = s.charCodeAt(++q);
  if (c === 43 || c === 45 /* + - */) {
    const hh = readDigits(s, q + 1, 2);
    if (hh < 0 || hh > 23) return 0;
    let mm = 0;
    let end: number;
    if (s.charCodeAt(q + 3) === 58 /* : */) {
      mm = readDigits(s, q + 4, 2);
      end = q + 6;
    } else if (isDigit(s.charCodeAt(q + 3))) {
      mm = readDigits(s, q + 3, 2);
      end = q + 5;
    } else {
      if (spaced) return 0;
      end = q + 3;
    }
    if (mm < 0 || mm > 59 || isDigit(s.charCodeAt(end))) return 0;
    scan.end = end;
    return (c === 45 ? -1 : 1) * (hh * 60 + mm) * 60_000;
  }
  if (!spaced || !isLetter(c)) return 0;
  if (isLetter(s.charCodeAt(q + 1)) && isLetter(s.charCodeAt(q + 2)) && !isLetter(s.charCodeAt(q + 3))) {
    const hours = NAMED_ZONES.get(key3(s, q));
    if (hours === undefined) return 0;
    scan.end = q + 3;
    return hours * 3_600_000;
  }
  const two = ((c | 32) << 8) | (s.charCodeAt(q + 1) | 32);
  if (two === ((117 << 8) | 116) /* ut */ && !isLetter(s.charCodeAt(q + 2))) {
    scan.end = q + 2;
    return 0;
  }
  if ((c | 32) === 122 && !isLetter(s.charCodeAt(q + 1))) {
    scan.end = q + 1;
    return 0;
  }
  return 0;
}
