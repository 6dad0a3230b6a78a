// A JSON array of records (`[ {...}, {...} ]`), streamed element by element: a small scanner
// tracks strings, escapes and nesting depth, and JSON.parse runs on each top-level element as
// soon as it is complete, so memory holds one element, not the document. A top-level object
// is one record; several top-level values in a row (concatenated JSON) are all read.

import { exceedsMaxBytes, LogParser, MAX_RECORD_BYTES, ParsedItem, stripBom } from './parsed-item';

const enum Mode { Before, Array, Element, Object, After, Failed }

const QUOTE = 34;
const BACKSLASH = 92;

export class JsonArrayParser implements LogParser {
  private out: ParsedItem[] = [];
  private mode = Mode.Before;
  private data = '';
  private elementStart = -1;
  private elementLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private discarding = false;
  private line = 1;
  private nextNewline = Infinity;
  private atStart = true;

  push(chunk: string): ParsedItem[] {
    if (this.atStart && chunk.length > 0) {
      chunk = stripBom(chunk);
      this.atStart = false;
    }
    const keep = this.elementStart >= 0 ? this.data.slice(this.elementStart) : '';
    this.data = keep + chunk;
    if (this.elementStart >= 0) this.elementStart = 0;
    this.nextNewline = this.indexOfNewline(keep.length);
    this.scan(keep.length);
    this.countLinesBefore(this.data.length);
    if (this.elementStart >= 0 && !this.discarding && this.data.length - this.elementStart > MAX_RECORD_BYTES) {
      this.out.push({ line: this.elementLine, error: 'record exceeds 1 MiB' });
      this.discarding = true;
    }
    if (this.elementStart < 0 || this.discarding) this.elementStart = -1;
    if (this.elementStart < 0) this.data = '';
    return this.take();
  }

  end(): ParsedItem[] {
    const inElement = this.mode === Mode.Element || this.mode === Mode.Object;
    if (inElement && !this.discarding) {
      if (this.mode === Mode.Element && this.depth === 0 && !this.inString) {
        this.finishElement(this.data.length); // last element of an array whose `]` never came
      } else {
        this.out.push({ line: this.elementLine, error: 'unexpected end of input inside a JSON value' });
      }
    }
    this.mode = Mode.After;
    this.data = '';
    this.elementStart = -1;
    return this.take();
  }

  private scan(from: number): void {
    const data = this.data;
    const n = data.length;
    let i = from;
    while (i < n) {
      const c = data.charCodeAt(i);
      switch (this.mode) {
        case Mode.Element:
        case Mode.Object:
          i = this.scanElement(i);
          break;
        case Mode.Array:
          if (c === 93 /* ] */) this.mode = Mode.After;
          else if (c > 32 && c !== 44 /* , */) {
            this.startElement(i, Mode.Element);
            continue;
          }
          i++;
          break;
        case Mode.Before:
        case Mode.After:
          if (c === 91 /* [ */) this.mode = Mode.Array;
          else if (c === 123 /* { */) {
            this.startElement(i, Mode.Object);
            continue;
          } else if (c > 32) {
            this.fail(i, this.mode === Mode.Before ? 'expected a JSON array or object' : 'unexpected text after the JSON value');
            return;
          }
          i++;
          break;
        case Mode.Failed:
          return;
      }
    }
  }

  /** Scans inside an element from `i`; returns where scanning continues. */
  private scanElement(start: number): number {
    const data = this.data;
    const n = data.length;
    for (let i = start; i < n; i++) {
      if (this.inString) {
        i = this.skipString(i);
        if (this.inString) return n;
        continue;
      }
      const c = data.charCodeAt(i);
      if (c === QUOTE) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (this.depth > 0) {
          this.depth--;
          if (this.depth === 0 && this.mode === Mode.Object) {
            this.finishElement(i + 1);
            this.mode = Mode.After;
            return i + 1;
          }
        } else if (c === 93) {
          this.finishElement(i);
          this.mode = Mode.After;
          return i + 1;
        }
      } else if (c === 44 && this.depth === 0) {
        this.finishElement(i);
        this.mode = Mode.Array;
        return i + 1;
      }
    }
    return n;
  }

  /** From `i` inside a string: the index of its closing quote, or the end of data (still in the string). */
  private skipString(i: number): number {
    const data = this.data;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    let q = data.indexOf('"', i);
    while (q !== -1) {
      let backslashes = 0;
      for (let k = q - 1; k >= i && data.charCodeAt(k) === BACKSLASH; k--) backslashes++;
      if ((backslashes & 1) === 0) break;
      q = data.indexOf('"', q + 1);
    }
    if (q !== -1) {
      this.inString = false;
      return q;
    }
    let trailing = 0;
    for (let k = data.length - 1; k >= i && data.charCodeAt(k) === BACKSLASH; k--) trailing++;
    this.escaped = (trailing & 1) === 1;
    return data.length;
  }

  private startElement(i: number, mode: Mode): void {
    this.mode = mode;
    this.elementStart = i;
    this.elementLine = this.countLinesBefore(i);
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  private finishElement(end: number): void {
    const start = this.elementStart;
    this.elementStart = -1;
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const text = this.data.slice(start, end);
    if (exceedsMaxBytes(text)) {
      this.out.push({ line: this.elementLine, error: 'record exceeds 1 MiB' });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.out.push({ line: this.elementLine, error: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      this.out.push({ line: this.elementLine, raw: value as Record<string, unknown> });
    } else {
      this.out.push({ line: this.elementLine, error: 'array element is not a JSON object' });
    }
  }

  private fail(i: number, reason: string): void {
    this.out.push({ line: this.countLinesBefore(i), error: reason });
    this.mode = Mode.Failed;
  }

  /** Line number at index `i` of data; newlines are counted once each, lazily. */
  private countLinesBefore(i: number): number {
    while (this.nextNewline < i) {
      this.line++;
      this.nextNewline = this.indexOfNewline(this.nextNewline + 1);
    }
    return this.line;
  }

  private indexOfNewline(from: number): number {
    const at = this.data.indexOf('\n', from);
    return at === -1 ? Infinity : at;
  }

  private take(): ParsedItem[] {
    if (this.out.length === 0) return [];
    const items = this.out;
    this.out = [];
    return items;
  }
}
