// What ingest would make of the first lines of a file: the sample parsed (with the rule, or by
// detection when there is none) and normalized exactly as ingest does, as flat rows of the
// record's wire fields (`@timestamp`, `level`, `message`, …, `fields.<key>`) for a table.

import { createParser, detectFormat } from '../ingest/parsers';
import { ParseRuleSpec } from '../ingest/parsers/rules/parse-rule';
import { InputFormat } from '../files/file-types';
import { CANONICAL_FIELDS, NormalizedRecord, TIMESTAMP_MISSING_TAG } from '../logs/log-record';
import { normalizeRecord } from '../logs/normalize/record-normalizer';

export const MAX_PREVIEW_RECORDS = 200;

export type PreviewRow = { line: number; error: string } | { line: number; values: Record<string, string | number | null> };

export interface ParsePreview {
  format: Exclude<InputFormat, 'auto'>;
  /** Wire field names in the order a table shows them: the ones some row has. */
  columns: string[];
  rows: PreviewRow[];
  records: number;
  rejected: number;
  /** Records whose timestamp came from the line (not the ingest time). */
  timestamped: number;
}

const SKIPPED = new Set(['id', 'ingested_at', 'file_id', 'pattern_id', 'tags']);

function flatten(record: NormalizedRecord): Record<string, string | number | null> {
  const values: Record<string, string | number | null> = {};
  const missing = record.tags.includes(TIMESTAMP_MISSING_TAG);
  values['@timestamp'] = missing ? null : new Date(record.timestamp).toISOString();
  for (const [name, { prop }] of Object.entries(CANONICAL_FIELDS)) {
    if (SKIPPED.has(name) || name === '@timestamp') continue;
    const value = record[prop as keyof NormalizedRecord];
    if (value !== null && value !== undefined) values[name] = value as string | number;
  }
  const tags = record.tags.filter((t) => t !== TIMESTAMP_MISSING_TAG);
  if (tags.length > 0) values.tags = tags.join(', ');
  for (const [key, value] of Object.entries(record.fields)) values[`fields.${key}`] = value;
  return values;
}

export function previewParse(sample: string, options: { format: InputFormat; filename?: string; rule?: ParseRuleSpec; delimiter?: string; now: number }): ParsePreview {
  const format = options.rule !== undefined ? 'text' : options.format === 'auto' ? detectFormat(options.filename, sample.slice(0, 4096)) : options.format;
  // The last line of a sample cut from a file may be cut too: it is left out.
  const cut = sample.lastIndexOf('\n');
  const complete = cut === -1 ? sample : sample.slice(0, cut + 1);
  const parser = createParser(format, { delimiter: options.delimiter, now: options.now, rule: options.rule });
  const items = [...parser.push(complete), ...parser.end()].slice(0, MAX_PREVIEW_RECORDS);
  const preview: ParsePreview = { format, columns: [], rows: [], records: 0, rejected: 0, timestamped: 0 };
  const columns = new Set<string>();
  for (const item of items) {
    const normalized = 'error' in item ? item : normalizeRecord(item.raw, { now: options.now });
    if ('error' in normalized) {
      preview.rejected++;
      preview.rows.push({ line: item.line, error: normalized.error });
      continue;
    }
    const values = flatten(normalized.record);
    if (values['@timestamp'] !== null) preview.timestamped++;
    preview.records++;
    for (const key of Object.keys(values)) columns.add(key);
    preview.rows.push({ line: item.line, values });
  }
  preview.columns = [...columns];
  return preview;
}
