// CSV with a header row, read by csv-parse: quoted fields with embedded newlines and quotes,
// UTF-8 BOM, `,` `;` or tab detected from the header line unless given. Each row becomes an
// object keyed by the header; empty cells are left out; a row with the wrong number of cells
// is an error for that row only.

import { parse } from 'csv-parse';
import { LogParser, MAX_RECORD_BYTES, ParsedItem, stripBom } from './parsed-item';

/** The synchronous core of a csv-parse Parser. */
interface CsvEngine {
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

const DELIMITERS = [',', '\t', ';'];
/** How much text to wait for before guessing the delimiter of a header without a newline. */
const HEADER_SCAN_LIMIT = 64 * 1024;

// Why the internal `api`: csv-parse's public stream delivers rows on later ticks and stalls
// synchronous writes under backpressure, but push() must return the rows of its chunk now.
// `api.parse` is the synchronous parser that the stream itself calls for each chunk.
function createEngine(delimiter: string): { engine: CsvEngine; info: { empty_lines: number } } {
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const engine = (parser as unknown as { api?: CsvEngine }).api;
  if (!engine || typeof engine.parse !== 'function') throw new Error('csv-parse no longer exposes Parser.api.parse');
  return { engine, info: parser.info as { empty_lines: number } };
}

/** The candidate delimiter seen most often outside quotes in the header line (`,` when none). */
export function detectDelimiter(headerLine: string): string {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted) {
      const k = DELIMITERS.indexOf(c);
      if (k !== -1) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return DELIMITERS[best];
}

function normalizeDelimiter(delimiter: string | undefined): string | undefined {
  if (delimiter === undefined || delimiter === '') return undefined;
  return delimiter === '\\t' || delimiter.toLowerCase() === 'tab' ? '\t' : delimiter;
}

function countLineBreaks(field: string): number {
  if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) return 0;
  let n = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 10 || (c === 13 && field.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

export class CsvParser implements LogParser {
  private out: ParsedItem[] = [];
  private head = '';
  private atStart = true;
  private engine: CsvEngine | null = null;
  private info = { empty_lines: 0 };
  private header: string[] | null = null;
  private nextLine = 1;
  private emptyLinesSeen = 0;
  private stopped = false;
  private readonly delimiter: string | undefined;

  constructor(options: { delimiter?: string } = {}) {
    this.delimiter = normalizeDelimiter(options.delimiter);
  }

  push(chunk: string): ParsedItem[] {
    if (this.stopped || chunk.length === 0) return this.take();
    if (this.atStart) {
      chunk = stripBom(chunk);
      this.atStart = false;
    }
    if (this.engine === null) {
      this.head += chunk;
      if (this.head.indexOf('\n') === -1 && this.head.length < HEADER_SCAN_LIMIT) return [];
      chunk = this.head;
      this.head = '';
      this.start(chunk);
    }
    this.run(Buffer.from(chunk, 'utf8'), false);
    return this.take();
  }

  end(): ParsedItem[] {
    if (this.stopped) return this.take();
    if (this.engine === null) {
      if (this.head.length === 0) return [];
      const text = this.head;
      this.head = '';
      this.start(text);
      this.run(Buffer.from(text, 'utf8'), false);
    }
    if (!this.stopped) this.run(undefined, true);
    this.stopped = true;
    return this.take();
  }

  private start(text: string): void {
    const newline = text.indexOf('\n');
    const delimiter = this.delimiter ?? detectDelimiter(newline === -1 ? text : text.slice(0, newline));
    const { engine, info } = createEngine(delimiter);
    this.engine = engine;
    this.info = info;
  }

  private run(buf: Buffer | undefined, end: boolean): void {
    const err = this.engine!.parse(buf, end, this.onRecord, () => undefined);
    if (err === undefined) return;
    const code = (err as Error & { code?: string }).code;
    const reason =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unclosed quote: the record runs to the end of the input'
        : code === 'CSV_MAX_RECORD_SIZE'
          ? 'record exceeds 1 MiB (unclosed quote?); the rest of the input was not read'
          : `invalid CSV: ${err.message}; the rest of the input was not read`;
    this.catchUpEmptyLines();
    this.out.push({ line: this.nextLine, error: reason });
    this.stopped = true;
  }

  private catchUpEmptyLines(): void {
    this.nextLine += this.info.empty_lines - this.emptyLinesSeen;
    this.emptyLinesSeen = this.info.empty_lines;
  }

  private readonly onRecord = (cells: string[]): void => {
    this.catchUpEmptyLines();
    const line = this.nextLine;
    let breaks = 0;
    for (const cell of cells) breaks += countLineBreaks(cell);
    this.nextLine += 1 + breaks;
    if (this.header === null) {
      this.header = cells.map((name, i) => name.trim() || `column_${i + 1}`);
      return;
    }
    let blank = true;
    for (const cell of cells) if (cell.trim().length > 0) blank = false;
    if (blank) return; // a whitespace-only line or a row of empty cells carries nothing
    const header = this.header;
    if (cells.length !== header.length && !this.onlyEmptyExtras(cells)) {
      this.out.push({ line, error: `expected ${header.length} columns, got ${cells.length}` });
      return;
    }
    const raw: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      const cell = cells[i];
      if (cell === undefined || cell.length === 0) continue;
      if (header[i] === '__proto__') Object.defineProperty(raw, '__proto__', { value: cell, enumerable: true, writable: true });
      else raw[header[i]] = cell;
    }
    this.out.push({ line, raw });
  };

  /** `a,b,c,` under a three-column header: a trailing delimiter, not a wrong row. */
  private onlyEmptyExtras(cells: string[]): boolean {
    if (cells.length < this.header!.length) return false;
    for (let i = this.header!.length; i < cells.length; i++) if (cells[i].length > 0) return false;
    return true;
  }

  private take(): ParsedItem[] {
    if (this.out.length === 0) return [];
    const items = this.out;
    this.out = [];
    return items;
  }
}
