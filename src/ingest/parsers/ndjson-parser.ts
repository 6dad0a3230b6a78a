// Newline-delimited JSON: one object per line, blank lines skipped. The cost per line is the
// JSON.parse of that line.

import { LineSplitter } from './line-splitter';
import { LogParser, ParsedItem, RECORD_TOO_LONG } from './parsed-item';

export class NdjsonParser implements LogParser {
  private out: ParsedItem[] = [];
  private readonly lines = new LineSplitter(this);

  push(chunk: string): ParsedItem[] {
    this.lines.push(chunk);
    return this.take();
  }

  end(): ParsedItem[] {
    this.lines.end();
    return this.take();
  }

  line(text: string, lineNo: number): void {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) <= 32) i++;
    if (i === text.length) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.out.push({ line: lineNo, error: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      this.out.push({ line: lineNo, raw: value as Record<string, unknown> });
    } else {
      this.out.push({ line: lineNo, error: 'line is not a JSON object' });
    }
  }

  tooLong(lineNo: number): void {
    this.out.push({ line: lineNo, error: RECORD_TOO_LONG });
  }

  private take(): ParsedItem[] {
    if (this.out.length === 0) return [];
    const items = this.out;
    this.out = [];
    return items;
  }
}
