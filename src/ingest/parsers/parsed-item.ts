// What every input parser produces: one raw object per record, or a reason it could not be
// read, each with the 1-based line of the source where the record starts.

import type { ParseRuleSpec } from './rules/parse-rule';

export type ParsedItem = { line: number; raw: Record<string, unknown> } | { line: number; error: string };

export type InputFormat = 'ndjson' | 'json' | 'csv' | 'text';

export interface ParserOptions {
  /** CSV field delimiter; detected from the header line when absent. */
  delimiter?: string;
  /** Reference time for formats without a year (syslog). */
  now: number;
  /** Text read with this parsing rule instead of detection, whatever the format. */
  rule?: ParseRuleSpec;
}

/**
 * A push parser: feed decoded text in chunks of any size, collect the items completed so far,
 * and call end() once for whatever the last chunk left open. The same object serves an HTTP
 * body held in memory (one push) and a streamed multi-GB file.
 */
export interface LogParser {
  push(chunk: string): ParsedItem[];
  end(): ParsedItem[];
}

/** Longest line (NDJSON, text) or record (JSON element, CSV row) kept, in UTF-8 bytes. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export const RECORD_TOO_LONG = 'line exceeds 1 MiB';

/** UTF-8 size is at most 3 bytes per UTF-16 unit, so only long strings need measuring. */
export function exceedsMaxBytes(text: string): boolean {
  return text.length > MAX_RECORD_BYTES || (text.length * 3 > MAX_RECORD_BYTES && Buffer.byteLength(text) > MAX_RECORD_BYTES);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
