// The part every line-oriented text parser shares: lines split from the pushed text, a record
// begun by one line and continued by the lines after it (stack traces, wrapped messages), capped
// at 1 MiB with one error for the lines dropped past that, and the items handed out per push.
// A subclass decides, in `line`, which lines begin a record and which continue one.

import { LineSink, LineSplitter } from './line-splitter';
import { LogParser, MAX_RECORD_BYTES, ParsedItem, RECORD_TOO_LONG } from './parsed-item';

export const CONTINUATION_OVERFLOW = 'record exceeds 1 MiB: continuation lines from here on were dropped';

export abstract class MultiLineRecordParser implements LogParser, LineSink {
  private out: ParsedItem[] = [];
  private readonly lines = new LineSplitter(this);
  /** The record being read, the key its message goes under, and the line it began on. */
  protected current: { line: number; raw: Record<string, unknown>; key: string } | null = null;
  /** The current record's message so far. */
  protected message = '';
  /** Whether `message` is written into the record when it ends (else the record keeps its own). */
  private writeMessage = false;
  private overflowReported = false;

  abstract line(text: string, lineNo: number): void;

  push(chunk: string): ParsedItem[] {
    this.lines.push(chunk);
    return this.take();
  }

  end(): ParsedItem[] {
    this.lines.end();
    this.flush();
    return this.take();
  }

  tooLong(lineNo: number): void {
    this.flush();
    this.reject(lineNo, RECORD_TOO_LONG);
  }

  protected reject(lineNo: number, error: string): void {
    this.out.push({ line: lineNo, error });
  }

  /**
   * Ends the current record and begins another. Without `message`, the record's own
   * `raw[key]` is its message, and stays as it is unless lines are appended.
   */
  protected begin(lineNo: number, raw: Record<string, unknown>, message?: string, key = 'message'): void {
    this.flush();
    this.current = { line: lineNo, raw, key };
    this.message = message ?? String(raw[key] ?? '');
    this.writeMessage = message !== undefined;
    this.overflowReported = false;
  }

  /** Appends a continuation line to the current record (one must exist), or drops it past 1 MiB. */
  protected append(text: string, lineNo: number): void {
    if (this.message.length + 1 + text.length > MAX_RECORD_BYTES) {
      if (!this.overflowReported) this.reject(lineNo, CONTINUATION_OVERFLOW);
      this.overflowReported = true;
      return;
    }
    this.continued(text);
    this.message = this.message.length === 0 ? text : `${this.message}\n${text}`;
    this.writeMessage = true;
  }

  /** Called with each continuation line kept, before it is appended. */
  protected continued(_text: string): void {}

  private flush(): void {
    if (this.current === null) return;
    if (this.writeMessage) this.current.raw[this.current.key] = this.message;
    this.out.push({ line: this.current.line, raw: this.current.raw });
    this.current = null;
    this.message = '';
  }

  private take(): ParsedItem[] {
    if (this.out.length === 0) return [];
    const items = this.out;
    this.out = [];
    return items;
  }
}
