// Text lines read with a parsing rule (rules/parse-rule.ts) instead of header detection. A line
// the rule matches starts a record with the captured fields; a line it does not match belongs to
// the record before it (stack traces, wrapped messages), and before the first match it is
// rejected with its line number, so a rule that fits nothing shows as rejected lines, not as
// silently merged ones.

import { LineSplitter } from './line-splitter';
import { LogParser, MAX_RECORD_BYTES, ParsedItem, RECORD_TOO_LONG } from './parsed-item';
import { CompiledRule } from './rules/parse-rule';

export const LINE_DOES_NOT_MATCH = 'line does not match the parsing rule';

export class RuleTextParser implements LogParser {
  private out: ParsedItem[] = [];
  private readonly lines = new LineSplitter(this);
  private current: { line: number; raw: Record<string, unknown>; key: 'message' | 'msg' } | null = null;
  private overflowReported = false;

  constructor(
    private readonly rule: CompiledRule,
    private readonly options: { now: number },
  ) {}

  push(chunk: string): ParsedItem[] {
    this.lines.push(chunk);
    return this.take();
  }

  end(): ParsedItem[] {
    this.lines.end();
    this.flush();
    return this.take();
  }

  line(text: string, lineNo: number): void {
    if (text.trim().length === 0) return;
    const raw = this.rule.match(text, this.options.now);
    if (raw !== null) {
      this.flush();
      this.current = { line: lineNo, raw, key: raw.message === undefined ? 'msg' : 'message' };
      this.overflowReported = false;
      return;
    }
    if (this.current === null) {
      this.out.push({ line: lineNo, error: LINE_DOES_NOT_MATCH });
      return;
    }
    const message = String(this.current.raw[this.current.key] ?? '');
    if (message.length + 1 + text.length > MAX_RECORD_BYTES) {
      if (!this.overflowReported) this.out.push({ line: lineNo, error: 'record exceeds 1 MiB: continuation lines from here on were dropped' });
      this.overflowReported = true;
      return;
    }
    this.current.raw[this.current.key] = message.length === 0 ? text : `${message}\n${text}`;
  }

  tooLong(lineNo: number): void {
    this.flush();
    this.out.push({ line: lineNo, error: RECORD_TOO_LONG });
  }

  private flush(): void {
    if (this.current === null) return;
    this.out.push({ line: this.current.line, raw: this.current.raw });
    this.current = null;
  }

  private take(): ParsedItem[] {
    if (this.out.length === 0) return [];
    const items = this.out;
    this.out = [];
    return items;
  }
}
