// Text lines read with a parsing rule (rules/parse-rule.ts) instead of header detection. A line
// the rule matches starts a record with the captured fields; a line it does not match belongs to
// the record before it (stack traces, wrapped messages), and before the first match it is
// rejected with its line number, so a rule that fits nothing shows as rejected lines, not as
// silently merged ones.

import { MultiLineRecordParser } from './multi-line-records';
import { CompiledRule } from './rules/parse-rule';

export const LINE_DOES_NOT_MATCH = 'line does not match the parsing rule';

export class RuleTextParser extends MultiLineRecordParser {
  constructor(
    private readonly rule: CompiledRule,
    private readonly options: { now: number },
  ) {
    super();
  }

  line(text: string, lineNo: number): void {
    if (text.trim().length === 0) return;
    const raw = this.rule.match(text, this.options.now);
    if (raw !== null) this.begin(lineNo, raw, undefined, raw.message === undefined ? 'msg' : 'message');
    else if (this.current === null) this.reject(lineNo, LINE_DOES_NOT_MATCH);
    else this.append(text, lineNo);
  }
}
