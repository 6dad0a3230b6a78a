// Picks the parser for an input: by the format the caller names, or by file extension and a
// look at the first bytes.

import { findHeaderTimestamp } from '../../logs/normalize/header-timestamp';
import { CsvParser, detectDelimiter } from './csv-parser';
import { JsonArrayParser } from './json-array-parser';
import { NdjsonParser } from './ndjson-parser';
import { InputFormat, LogParser, ParserOptions, stripBom } from './parsed-item';
import { RuleTextParser } from './rule-text-parser';
import { CompiledRule, compileRule, ParseRuleSpec } from './rules/parse-rule';
import { TextParser } from './text-parser';

/** Compiled rules by spec: a file's chunks and a tenant's repeated uploads compile once. */
const compiled = new Map<string, CompiledRule>();
const MAX_COMPILED = 64;

export function compiledRule(spec: ParseRuleSpec): CompiledRule {
  const key = JSON.stringify([spec.format, spec.pattern, spec.patternType, spec.timestampFormat]);
  let rule = compiled.get(key);
  if (rule === undefined) {
    rule = compileRule(spec);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, rule);
  }
  return rule;
}

export function createParser(format: InputFormat, options: ParserOptions): LogParser {
  if (options.rule !== undefined) return new RuleTextParser(compiledRule(options.rule), { now: options.now });
  switch (format) {
    case 'ndjson':
      return new NdjsonParser();
    case 'json':
      return new JsonArrayParser();
    case 'csv':
      return new CsvParser({ delimiter: options.delimiter });
    case 'text':
      return new TextParser({ now: options.now });
    default:
      throw new Error(`unknown input format: ${String(format)}`);
  }
}

const BY_EXTENSION: Record<string, InputFormat> = {
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'json',
  csv: 'csv',
  tsv: 'csv',
  log: 'text',
  txt: 'text',
};

// A header cell: a name, maybe quoted, maybe with inner spaces (`Response Time`).
const HEADER_CELL = /^"?[A-Za-z_@][\w .@/()-]{0,63}"?$/;

/** The input format from the file name's extension, else from the first bytes of the content. */
export function detectFormat(filename: string | undefined, firstBytes: string): InputFormat {
  const head = stripBom(firstBytes).trimStart();
  const dot = filename ? filename.lastIndexOf('.') : -1;
  const extension = dot === -1 ? '' : filename!.slice(dot + 1).toLowerCase();
  if (extension === 'json') return head.startsWith('{') && isOneObjectPerLine(head) ? 'ndjson' : 'json';
  const byExtension = BY_EXTENSION[extension];
  if (byExtension !== undefined) return byExtension;
  if (head.startsWith('[') && /^\[\s*([{\]]|$)/.test(head)) return 'json';
  if (head.startsWith('{')) return isOneObjectPerLine(head) ? 'ndjson' : 'json';
  return looksLikeCsv(head) ? 'csv' : 'text';
}

/** `{...}` on the first line is NDJSON; a first line of just `{` is a pretty-printed document. */
function isOneObjectPerLine(head: string): boolean {
  const newline = head.indexOf('\n');
  if (newline === -1) return true;
  return head.slice(0, newline).trimEnd().endsWith('}');
}

function looksLikeCsv(head: string): boolean {
  const lines = head.split('\n', 3).map((line) => line.replace(/\r$/, ''));
  const header = lines[0];
  if (header.length === 0 || findHeaderTimestamp(header, Date.now(), true) !== null) return false;
  const delimiter = detectDelimiter(header);
  const cells = header.split(delimiter).map((cell) => cell.trim());
  if (cells.length < 2 || !cells.every((cell) => HEADER_CELL.test(cell))) return false;
  const spaced = cells.filter((cell) => cell.includes(' ')).length;
  if (spaced * 2 > cells.length) return false;
  // With a second complete line in the sample, it must be a row of the same table.
  return lines.length < 3 || lines[1].includes(delimiter);
}
