// Plain text logs. A line with a timestamp in its header (see header-timestamp.ts) or an
// access-log line starts a record; the lines after it that have none (stack traces, wrapped
// messages) belong to it. Once records start at column 0, only a column-0 timestamp starts the
// next one, so a time quoted inside a stack trace does not split it. Before the first timestamp,
// and in files that have none, each line is its own record unless it is indented.

import { AccessLogEntry, parseAccessLogLine } from '../../logs/normalize/access-log-line';
import { detectHeaderLevel } from '../../logs/normalize/header-level';
import { findHeaderTimestamp, HeaderTimestamp } from '../../logs/normalize/header-timestamp';
import { detectLevelInText, levelFromName } from '../../logs/normalize/level-normalizer';
import { MultiLineRecordParser } from './multi-line-records';

/** Epoch ms below this would be read back as seconds by the normalizer, so they travel as ISO text. */
const SMALLEST_UNAMBIGUOUS_MS = 1e11;

function accessLevel(status: number | null): string {
  if (status !== null && status >= 500) return 'ERROR';
  if (status !== null && status >= 400) return 'WARNING';
  return 'INFO';
}

function isContinuation(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9 || line.startsWith('Caused by:') || line.startsWith('...');
}

/**
 * java.util.logging's SimpleFormatter writes the level at the start of a record's second line
 * (`Dec 10, 2024 6:55:46 AM org.x.Y start` / `SEVERE: Error listenerStart`).
 */
function secondLineLevel(text: string): ReturnType<typeof levelFromName> {
  const colon = text.indexOf(': ');
  return colon > 2 && colon <= 8 ? levelFromName(text.slice(0, colon)) : null;
}

export class TextParser extends MultiLineRecordParser {
  /** The current record began with a timestamp (or is an access-log line). */
  private timed = false;
  /** The latest record's timestamp started the line: the file's records start that way. */
  private columnZeroStyle = false;

  constructor(private readonly options: { now: number }) {
    super();
  }

  line(text: string, lineNo: number): void {
    if (text.trim().length === 0) return;
    const now = this.options.now;
    const timed = this.current !== null && this.timed;
    if (timed && isContinuation(text)) {
      this.append(text, lineNo);
      return;
    }
    const header = findHeaderTimestamp(text, now, true);
    if (header !== null) {
      this.beginTimed(lineNo, text, header);
      return;
    }
    const access = parseAccessLogLine(text, now);
    if (access !== null) {
      this.beginRecord(lineNo, this.accessRecord(access), text, true);
      this.columnZeroStyle = true;
      return;
    }
    const inHeader = timed && this.columnZeroStyle ? null : findHeaderTimestamp(text, now);
    if (inHeader !== null) {
      this.beginTimed(lineNo, text, inHeader);
      return;
    }
    if (this.current !== null && (timed || isContinuation(text))) {
      this.append(text, lineNo);
      return;
    }
    const raw: Record<string, unknown> = {};
    const level = detectLevelInText(text);
    if (level !== null) raw.level = level;
    this.beginRecord(lineNo, raw, text.trim(), false);
  }

  /** A record whose timestamp is in the header: at column 0 the message is the rest, else the whole line. */
  private beginTimed(lineNo: number, text: string, header: HeaderTimestamp): void {
    const atStart = header.start <= 1;
    let rest = text;
    if (atStart) {
      let p = header.end;
      if (header.start === 1 && text.charCodeAt(p) === 93 /* ] */) p++;
      while (p < text.length && text.charCodeAt(p) <= 32) p++;
      rest = text.slice(p);
    }
    const raw: Record<string, unknown> = { timestamp: this.timestampValue(header.timestamp) };
    const level = detectHeaderLevel(text, header) ?? detectLevelInText(rest);
    if (level !== null) raw.level = level;
    this.columnZeroStyle = atStart;
    this.beginRecord(lineNo, raw, rest.trimEnd(), true);
  }

  private timestampValue(ms: number): number | string {
    return ms >= SMALLEST_UNAMBIGUOUS_MS ? ms : new Date(ms).toISOString();
  }

  private accessRecord(entry: AccessLogEntry): Record<string, unknown> {
    const raw: Record<string, unknown> = {
      timestamp: this.timestampValue(entry.timestamp),
      level: accessLevel(entry.status_code),
      log_type: 'access',
      client_ip: entry.client_ip,
    };
    if (entry.user_id !== null) raw.user_id = entry.user_id;
    if (entry.method !== null) raw.method = entry.method;
    if (entry.endpoint !== null) raw.endpoint = entry.endpoint;
    if (entry.status_code !== null) raw.status_code = entry.status_code;
    if (entry.bytes !== null) raw.bytes = entry.bytes;
    if (entry.referrer !== null) raw.referrer = entry.referrer;
    if (entry.user_agent !== null) raw.user_agent = entry.user_agent;
    return raw;
  }

  private beginRecord(lineNo: number, raw: Record<string, unknown>, message: string, timed: boolean): void {
    this.begin(lineNo, raw, message);
    this.timed = timed;
  }

  /** java.util.logging's level on the second line, for a record whose header had none. */
  protected override continued(text: string): void {
    if (this.current !== null && this.current.raw.level === undefined && !this.message.includes('\n')) {
      const level = secondLineLevel(text);
      if (level !== null) this.current.raw.level = level;
    }
  }
}
