// A parsing rule's timestamp format, in the Java/Joda letters log users know from log4j and
// Logstash's date filter: `yyyy-MM-dd HH:mm:ss.SSS`, `yyMMdd HHmmss`, `MM-dd HH:mm:ss.SSS` (no
// year: the latest one not in the future), `dd/MMM/yyyy:HH:mm:ss Z`, `'T'` for quoted literals,
// and the words `epoch`, `epoch_ms` and `ISO8601`. Local times without a zone are UTC, as in
// header detection. The format is compiled once into a regular expression of bounded token
// classes (no nested repetition), so a value is read in linear time.

import { inferYear, MS_PER_DAY, parseTimestamp } from '../../../logs/normalize/timestamp-parser';
import { daysFromCivil } from '../../../logs/normalize/timestamp-scan';
import { RuleSyntaxError } from './grok-compiler';

type Part = 'year4' | 'year2' | 'monthName' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction' | 'meridiem' | 'zone' | 'weekday';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const TOKENS: [string, string, Part][] = [
  ['yyyy', String.raw`(\d{4})`, 'year4'],
  ['yy', String.raw`(\d{2})`, 'year2'],
  ['MMMM', '([A-Za-z]{3,9})', 'monthName'],
  ['MMM', '([A-Za-z]{3})', 'monthName'],
  ['MM', String.raw`(\d{2})`, 'month'],
  ['M', String.raw`(\d{1,2})`, 'month'],
  ['dd', String.raw`(\d{2})`, 'day'],
  ['d', String.raw`(\d{1,2})`, 'day'],
  ['HH', String.raw`(\d{2})`, 'hour'],
  ['H', String.raw`(\d{1,2})`, 'hour'],
  ['hh', String.raw`(\d{2})`, 'hour12'],
  ['h', String.raw`(\d{1,2})`, 'hour12'],
  ['mm', String.raw`(\d{2})`, 'minute'],
  ['ss', String.raw`(\d{2})`, 'second'],
  ['a', '([AaPp][Mm])', 'meridiem'],
  ['XXX', String.raw`(Z|[+-]\d{2}:\d{2})`, 'zone'],
  ['XX', String.raw`(Z|[+-]\d{4})`, 'zone'],
  ['X', String.raw`(Z|[+-]\d{2})`, 'zone'],
  ['Z', String.raw`(Z|[+-]\d{2}:?\d{2})`, 'zone'],
  ['EEEE', '([A-Za-z]{6,9})', 'weekday'],
  ['EEE', '([A-Za-z]{3})', 'weekday'],
];

export interface TimestampFormat {
  /** Epoch ms, or null when the value does not have the format's shape. */
  parse(value: string, now: number): number | null;
}

const MAX_FORMAT = 100;

/** Compiles a format; throws RuleSyntaxError (position in the format) for a letter it does not know. */
export function compileTimestampFormat(format: string): TimestampFormat {
  if (format.length === 0 || format.length > MAX_FORMAT) throw new RuleSyntaxError(0, `a timestamp format is 1 to ${MAX_FORMAT} characters`);
  if (format === 'epoch' || format === 'epoch_ms' || format === 'ISO8601') return special(format);
  let source = '^';
  const parts: Part[] = [];
  let p = 0;
  while (p < format.length) {
    const c = format[p];
    if (c === "'") {
      const close = format.indexOf("'", p + 1);
      if (close === -1) throw new RuleSyntaxError(p, 'a quote without its closing quote');
      source += escape(close === p + 1 ? "'" : format.slice(p + 1, close));
      p = close + 1;
      continue;
    }
    if (c === 'S') {
      let n = 0;
      while (format[p + n] === 'S') n++;
      source += `(\\d{${n}})`;
      parts.push('fraction');
      p += n;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      const token = TOKENS.find(([t]) => format.startsWith(t, p));
      if (!token) throw new RuleSyntaxError(p, `unknown timestamp format letter ${c} (quote literal text: 'T')`);
      source += token[1];
      parts.push(token[2]);
      p += token[0].length;
      continue;
    }
    source += escape(c);
    p++;
  }
  if (!parts.includes('hour') && !parts.includes('hour12') && !parts.includes('day')) {
    throw new RuleSyntaxError(0, 'a timestamp format needs at least a day or an hour');
  }
  const regex = new RegExp(source + '$');
  return { parse: (value, now) => read(regex, parts, value.trim(), now) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function special(format: 'epoch' | 'epoch_ms' | 'ISO8601'): TimestampFormat {
  return {
    parse(value, now) {
      if (format === 'ISO8601') return /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? parseTimestamp(value.trim(), now) : null;
      const n = Number(value.trim());
      if (!Number.isFinite(n) || value.trim() === '') return null;
      return Math.round(format === 'epoch' ? n * 1000 : n);
    },
  };
}

function read(regex: RegExp, parts: Part[], value: string, now: number): number | null {
  const m = regex.exec(value);
  if (m === null) return null;
  let year = NaN;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let pm: boolean | null = null;
  let zone = 0;
  parts.forEach((part, i) => {
    const text = m[i + 1];
    switch (part) {
      case 'year4': year = Number(text); break;
      case 'year2': year = 2000 + Number(text); if (year > new Date(now).getUTCFullYear() + 1) year -= 100; break;
      case 'monthName': month = MONTHS.indexOf(text.slice(0, 3).toLowerCase()) + 1; break;
      case 'month': month = Number(text); break;
      case 'day': day = Number(text); break;
      case 'hour': case 'hour12': hour = Number(text); break;
      case 'minute': minute = Number(text); break;
      case 'second': second = Number(text); break;
      case 'fraction': ms = Math.floor(Number(`0.${text}`) * 1000); break;
      case 'meridiem': pm = text.toLowerCase() === 'pm'; break;
      case 'zone': zone = zoneOffset(text); break;
      case 'weekday': break;
    }
  });
  if (month < 1 || hour > 23 || minute > 59 || second > 60) return null;
  if (pm !== null) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const tod = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  let local: number;
  if (year !== year) {
    local = inferYear(month, day, tod, now + zone);
    if (local !== local) return null;
  } else {
    const days = daysFromCivil(year, month, day);
    if (days !== days) return null;
    local = days * MS_PER_DAY + tod;
  }
  return local - zone;
}

/** `Z`, `+02`, `+0200`, `+02:00` → ms east of UTC. */
function zoneOffset(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
  return (text[0] === '-' ? -1 : 1) * minutes * 60_000;
}
