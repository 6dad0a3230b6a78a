// The timestamp shapes of plain-text logs that are not ISO 8601, syslog, RFC 2822 or ctime,
// each as a scanner at an index: epoch ms back (NaN when the text does not match), scan.end
// after it and scan.quality for how complete it was. Dates are local time read as UTC, as
// elsewhere; a missing year is the latest one not in the future (inferYear).

import { inferYear, MS_PER_DAY, parseDayMonthYear } from './timestamp-parser';
import {
  daysFromCivil,
  isDigit,
  monthAt,
  Q_DATE,
  Q_EPOCH,
  Q_FRACTION,
  Q_SECONDS,
  Q_TIME,
  Q_YEAR,
  readDigits,
  readFraction,
  scan,
} from './timestamp-scan';

/** Length of the run of digits at `p`. */
export function digitRun(s: string, p: number): number {
  let k = p;
  while (isDigit(s.charCodeAt(k))) k++;
  return k - p;
}

/** Two-digit years: this century unless that is past next year. */
function fullYear(yy: number, now: number): number {
  const y = 2000 + yy;
  return y > new Date(now).getUTCFullYear() + 1 ? y - 100 : y;
}

/**
 * A clock at `p`: `H:MM:SS`, `HH:MM[:SS]`, `HH.MM.SS` (sep `.`), `HHMMSS` (sep 0), with a
 * fraction after `.` `,` or `:` (`22:15:29:606`) and an ` AM`/` PM` suffix. Sets scan.end and
 * scan.quality (the Q_TIME parts). NaN when there is none.
 */
export function readClock(s: string, p: number, sep: number): number {
  let h: number;
  let q: number;
  if (sep === 0) {
    h = readDigits(s, p, 2);
    q = p + 2;
  } else {
    const oneDigit = !isDigit(s.charCodeAt(p + 1));
    h = readDigits(s, p, oneDigit ? 1 : 2);
    q = p + (oneDigit ? 1 : 2);
    if (s.charCodeAt(q) !== sep) return NaN;
    q++;
  }
  const mi = readDigits(s, q, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return NaN;
  q += 2;
  let sec = 0;
  let frac = 0;
  let quality = Q_TIME;
  if (sep === 0 ? isDigit(s.charCodeAt(q)) : s.charCodeAt(q) === sep) {
    sec = readDigits(s, sep === 0 ? q : q + 1, 2);
    if (sec < 0 || sec > 60) return NaN;
    q += sep === 0 ? 2 : 3;
    quality += Q_SECONDS;
    const f = s.charCodeAt(q);
    if ((f === 46 || f === 44 || (f === 58 && sep === 58)) && isDigit(s.charCodeAt(q + 1))) {
      frac = readFraction(s, q + 1);
      q = scan.end;
      quality += Q_FRACTION;
    }
  } else if (sep === 0) {
    return NaN;
  }
  const meridiem = readMeridiem(s, q);
  if (meridiem !== 0) {
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (meridiem === 2 ? 12 : 0);
    q += 3;
  }
  scan.end = q;
  scan.quality = quality;
  return ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}

/** ` AM` → 1, ` PM` → 2, else 0. */
function readMeridiem(s: string, p: number): number {
  if (s.charCodeAt(p) !== 32 || (s.charCodeAt(p + 2) | 32) !== 109 /* m */) return 0;
  const c = s.charCodeAt(p + 1) | 32;
  if (isDigit(s.charCodeAt(p + 3)) || ((s.charCodeAt(p + 3) | 32) >= 97 && (s.charCodeAt(p + 3) | 32) <= 122)) return 0;
  return c === 97 ? 1 : c === 112 ? 2 : 0;
}

/** A date (days since 1970, `yearWritten`) followed at `p` by `sep` and a clock; date only when no clock follows. */
function dateThenClock(s: string, p: number, days: number, yearWritten: boolean, clockSep: number): number {
  if (days !== days) return NaN;
  const dateQuality = Q_DATE + (yearWritten ? Q_YEAR : 0);
  const c = s.charCodeAt(p);
  // Airflow writes `2024-12-10, 06:55:46`.
  const comma = c === 44 && s.charCodeAt(p + 1) === 32;
  const tod = c === 32 || c === 84 /* T */ || c === 45 /* - */ ? readClock(s, p + 1, clockSep) : comma ? readClock(s, p + 2, clockSep) : NaN;
  if (tod !== tod) {
    scan.end = p;
    scan.quality = dateQuality;
    return days * MS_PER_DAY;
  }
  scan.quality += dateQuality;
  return days * MS_PER_DAY + tod;
}

/** Epoch seconds (10 digits, optional fraction) or ms (13 digits) between 2001-09-09 and a day after `now`. */
export function parseEpochColumn(s: string, p: number, now: number): number {
  const n = digitRun(s, p);
  if (n !== 10 && n !== 13) return NaN;
  let ms = Number(s.slice(p, p + n));
  let end = p + n;
  let quality = Q_EPOCH;
  if (n === 10) {
    ms *= 1000;
    if (s.charCodeAt(end) === 46 && isDigit(s.charCodeAt(end + 1))) {
      ms += readFraction(s, end + 1);
      end = scan.end;
      quality += Q_FRACTION;
    }
  }
  if (ms < 1e12 || ms > now + MS_PER_DAY) return NaN;
  scan.end = end;
  scan.quality = quality;
  return ms;
}

/**
 * Numeric dates that ISO and the access-log scanners do not read, at a digit:
 * `2024/12/10 06:55:46`, `2005.06.03`, `2005-06-03-15.42.50.675872` (BGL), `20171223-22:15:29:606`,
 * `20241210T065546`, `10-Dec-2024 06:55:46.123` (Tomcat), `081109 203615` and `130101  9:00:00` (yyMMdd), `17/06/09 20:10:40`
 * (yy/MM/dd), `10.12.2024 06:55:46` (dd.MM.yyyy), `12/10/2024 6:55:46 PM` (MM/dd/yyyy, or
 * dd/MM when the first is over 12), `03-17 16:13:38.811` (logcat) and `10.30 16:49:06` (Proxifier)
 * with the year inferred, `1210/065546.123` (Chromium).
 */
export function parseNumericDate(s: string, p: number, now: number): number {
  const n = digitRun(s, p);
  const sep = s.charCodeAt(p + n);
  if (n === 4 && (sep === 45 || sep === 47 || sep === 46) && digitRun(s, p + 5) === 2 && s.charCodeAt(p + 7) === sep) {
    const y = readDigits(s, p, 4);
    const days = daysFromCivil(y, readDigits(s, p + 5, 2), readDigits(s, p + 8, 2));
    if (digitRun(s, p + 8) !== 2) return NaN;
    // BGL writes the clock with dots after a dash: 2005-06-03-15.42.50.675872.
    const dotted = s.charCodeAt(p + 10) === 45 && s.charCodeAt(p + 13) === 46;
    return dateThenClock(s, p + 10, days, true, dotted ? 46 : 58);
  }
  if (n === 4 && sep === 47 && digitRun(s, p + 5) === 6) {
    const tod = readClock(s, p + 5, 0); // Chromium: MMdd/HHmmss.fff
    if (tod !== tod) return NaN;
    const quality = scan.quality + Q_DATE;
    const ms = inferYear(readDigits(s, p, 2), readDigits(s, p + 2, 2), tod, now);
    scan.quality = quality;
    return ms;
  }
  if (n === 8 && (sep === 45 || sep === 84 || sep === 32)) {
    const days = daysFromCivil(readDigits(s, p, 4), readDigits(s, p + 4, 2), readDigits(s, p + 6, 2));
    const clockSep = digitRun(s, p + 9) >= 6 ? 0 : 58;
    return dateThenClock(s, p + 8, days, true, clockSep);
  }
  if (n === 6 && sep === 32) {
    const days = daysFromCivil(fullYear(readDigits(s, p, 2), now), readDigits(s, p + 2, 2), readDigits(s, p + 4, 2));
    if (days !== days) return NaN;
    const spaced = s.charCodeAt(p + 7) === 32; // MySQL pads a one-digit hour
    const clockAt = spaced ? p + 8 : p + 7;
    const tod = readClock(s, clockAt, digitRun(s, clockAt) >= 6 ? 0 : 58);
    if (tod !== tod) return NaN;
    scan.quality += Q_DATE + Q_YEAR;
    return days * MS_PER_DAY + tod;
  }
  if ((n === 1 || n === 2) && sep === 45 && monthAt(s, p + n + 1) !== 0) {
    return parseDayMonthYear(s, p, 45, 32, false); // Tomcat: 10-Dec-2024 06:55:46.123
  }
  if ((n === 1 || n === 2) && (sep === 47 || sep === 46 || sep === 45) && digitRun(s, p + n + 1) === 2) {
    return parseShortDate(s, p, n, sep, now);
  }
  return NaN;
}

/** `a<sep>bb<sep>year` or `aa<sep>bb ` (no year) after a one- or two-digit first part. */
function parseShortDate(s: string, p: number, n: number, sep: number, now: number): number {
  const a = readDigits(s, p, n);
  const b = readDigits(s, p + n + 1, 2);
  const q = p + n + 3;
  if (s.charCodeAt(q) === sep) {
    const yearDigits = digitRun(s, q + 1);
    if (yearDigits === 4) {
      const y = readDigits(s, q + 1, 4);
      // Dots and dashes are day-first (Europe); slashes month-first (US) unless the first is over 12.
      const dayFirst = sep !== 47 || a > 12;
      const days = dayFirst ? daysFromCivil(y, b, a) : daysFromCivil(y, a, b);
      return dateThenClock(s, q + 5, days, true, 58);
    }
    if (yearDigits === 2 && sep === 47 && n === 2) {
      const days = daysFromCivil(fullYear(a, now), b, readDigits(s, q + 1, 2));
      return dateThenClock(s, q + 3, days, true, 58);
    }
    return NaN;
  }
  if (n !== 2 || sep === 47 || s.charCodeAt(q) !== 32) return NaN;
  const tod = readClock(s, q + 1, 58);
  if (tod !== tod) return NaN;
  const quality = scan.quality + Q_DATE;
  const ms = inferYear(a, b, tod, now);
  scan.quality = quality;
  return ms;
}

/**
 * Month-led dates beyond syslog's `Dec 10 06:55:46`: `Dec 10 2024 06:55:46` (Cisco),
 * `Dec 10, 2024 6:55:46 AM` (java.util.logging, WebLogic), `Dec 10 06:55:46 2024`.
 */
export function parseMonthLed(s: string, p: number): number {
  const mo = monthAt(s, p);
  if (mo === 0 || s.charCodeAt(p + 3) !== 32) return NaN;
  const dayAt = s.charCodeAt(p + 4) === 32 ? p + 5 : p + 4;
  const dn = digitRun(s, dayAt);
  if (dn < 1 || dn > 2) return NaN;
  const d = readDigits(s, dayAt, dn);
  let q = dayAt + dn;
  if (s.charCodeAt(q) === 44 /* , */) q++;
  if (s.charCodeAt(q) !== 32) return NaN;
  if (digitRun(s, q + 1) === 4) {
    const days = daysFromCivil(readDigits(s, q + 1, 4), mo, d);
    const tod = readClock(s, q + 6, 58);
    if (days !== days || tod !== tod || s.charCodeAt(q + 5) !== 32) return NaN;
    scan.quality += Q_DATE + Q_YEAR;
    return days * MS_PER_DAY + tod;
  }
  const tod = readClock(s, q + 1, 58);
  if (tod !== tod || s.charCodeAt(scan.end) !== 32 || digitRun(s, scan.end + 1) !== 4) return NaN;
  const end = scan.end + 5;
  const days = daysFromCivil(readDigits(s, scan.end + 1, 4), mo, d);
  if (days !== days) return NaN;
  scan.quality += Q_DATE + Q_YEAR;
  scan.end = end;
  return days * MS_PER_DAY + tod;
}

/** klog / glog `I1210 06:55:46.123456`: the level letter, then MMdd and the clock; the year inferred. */
export function parseKlog(s: string, p: number, now: number): number {
  if (digitRun(s, p + 1) !== 4 || s.charCodeAt(p + 5) !== 32) return NaN;
  const tod = readClock(s, p + 6, 58);
  if (tod !== tod) return NaN;
  const quality = scan.quality + Q_DATE;
  const end = scan.end;
  const ms = inferYear(readDigits(s, p + 1, 2), readDigits(s, p + 3, 2), tod, now);
  scan.end = end;
  scan.quality = quality;
  return ms;
}
