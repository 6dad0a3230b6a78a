// Splits pushed text into lines by scanning for '\n' with indexOf (no split, no regex), carrying
// the unfinished last line to the next push. A line that grows past 1 MiB is reported once and
// its remaining text is skipped, not buffered, so one endless line cannot exhaust memory.

import { exceedsMaxBytes, MAX_RECORD_BYTES, stripBom } from './parsed-item';

export interface LineSink {
  /** A complete line without its `\n` / `\r\n`. */
  line(text: string, lineNo: number): void;
  tooLong(lineNo: number): void;
}

export class LineSplitter {
  private carry = '';
  private discarding = false;
  private nextLine = 1;
  private atStart = true;

  constructor(private readonly sink: LineSink) {}

  push(chunk: string): void {
    if (this.atStart && chunk.length > 0) {
      chunk = stripBom(chunk);
      this.atStart = false;
    }
    let data = chunk;
    let pos = 0;
    if (this.discarding) {
      const nl = chunk.indexOf('\n');
      if (nl === -1) return;
      this.discarding = false;
      this.nextLine++;
      pos = nl + 1;
    } else if (this.carry.length > 0) {
      data = this.carry + chunk;
      this.carry = '';
    }
    let nl: number;
    while ((nl = data.indexOf('\n', pos)) !== -1) {
      const end = nl > pos && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.emit(data.slice(pos, end));
      pos = nl + 1;
      this.nextLine++;
    }
    const rest = pos === 0 ? data : data.slice(pos);
    if (rest.length > MAX_RECORD_BYTES) {
      this.sink.tooLong(this.nextLine);
      this.discarding = true;
    } else {
      this.carry = rest;
    }
  }

  end(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const last = this.carry;
    this.carry = '';
    if (last.length === 0) return;
    this.emit(last.charCodeAt(last.length - 1) === 13 ? last.slice(0, -1) : last);
    this.nextLine++;
  }

  private emit(text: string): void {
    if (text.length * 3 > MAX_RECORD_BYTES && exceedsMaxBytes(text)) this.sink.tooLong(this.nextLine);
    else this.sink.line(text, this.nextLine);
  }
}
