// Serializes sample records as NDJSON or CSV and streams them to a file in ~1 MB chunks,
// waiting for 'drain' so ten million records never sit in memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SAMPLE_LOG_COLUMNS, SampleLogRecord } from './sample-log-record';

export type SampleFormat = 'json' | 'csv';

const CHUNK_CHARS = 1 << 20;
const NEEDS_QUOTES = /[",\r\n]/;

const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;

function jsonString(s: string): string {
  return NEEDS_JSON_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/**
 * Same text as JSON.stringify(r), faster. Message and SQL go through JSON escaping; every
 * other value is built by the generator from catalog strings and ids that hold no quote,
 * backslash or control character, and is written as it is.
 */
export function toNdjsonLine(r: SampleLogRecord): string {
  let line =
    '{"timestamp":"' + r.timestamp + '","log_type":"' + r.log_type + '","level":"' + r.level +
    '","message":' + jsonString(r.message) + ',"service":"' + r.service + '","server":"' + r.server +
    '","environment":"' + r.environment + '","correlation_id":"' + r.correlation_id +
    '","trace_id":"' + r.trace_id + '"';
  if (r.user_id !== undefined) line += ',"user_id":"' + r.user_id + '"';
  if (r.account_id !== undefined) line += ',"account_id":"' + r.account_id + '"';
  if (r.client_ip !== undefined) line += ',"client_ip":"' + r.client_ip + '"';
  if (r.method !== undefined) line += ',"method":"' + r.method + '"';
  if (r.endpoint !== undefined) line += ',"endpoint":"' + r.endpoint + '"';
  if (r.status_code !== undefined) line += ',"status_code":' + r.status_code;
  if (r.response_time_ms !== undefined) line += ',"response_time_ms":' + r.response_time_ms;
  if (r.user_agent !== undefined) line += ',"user_agent":"' + r.user_agent + '"';
  if (r.sql_query !== undefined) line += ',"sql_query":' + jsonString(r.sql_query);
  if (r.query_duration_ms !== undefined) line += ',"query_duration_ms":' + r.query_duration_ms;
  return line + '}';
}

export function csvHeader(): string {
  return SAMPLE_LOG_COLUMNS.join(',');
}

/** RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsvRow(r: SampleLogRecord): string {
  let row = csvField(r[SAMPLE_LOG_COLUMNS[0]]);
  for (let i = 1; i < SAMPLE_LOG_COLUMNS.length; i++) row += ',' + csvField(r[SAMPLE_LOG_COLUMNS[i]]);
  return row;
}

/** The serialized lines of some batches, newline-terminated, as one Buffer. */
export function serializeBatches(
  format: SampleFormat,
  batches: Iterable<SampleLogRecord[]>,
  onRecord?: (r: SampleLogRecord) => void,
): Buffer {
  const serialize = format === 'csv' ? toCsvRow : toNdjsonLine;
  // Encoded batch by batch so the line strings die young (cheap for the GC).
  const parts: Buffer[] = [];
  for (const batch of batches) {
    const lines = new Array<string>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      lines[i] = serialize(batch[i]);
      onRecord?.(batch[i]);
    }
    if (lines.length > 0) parts.push(Buffer.from(lines.join('\n') + '\n'));
  }
  return Buffer.concat(parts);
}

export interface WriteResult {
  records: number;
  bytes: number;
}

/** Writes the batches to `path`; `onRecord` sees every record (for statistics). */
export async function writeLogFile(
  path: string,
  format: SampleFormat,
  batches: Iterable<SampleLogRecord[]>,
  onRecord?: (r: SampleLogRecord) => void,
): Promise<WriteResult> {
  const out = createWriteStream(path);
  const serialize = format === 'csv' ? toCsvRow : toNdjsonLine;
  // Lines are joined once per chunk: appending to one long string builds a rope that is
  // slow to flatten, and encoding once to a Buffer gives the byte count for free.
  let lines: string[] = format === 'csv' ? [csvHeader()] : [];
  let chars = 0;
  let records = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const buf = Buffer.from(lines.join('\n') + '\n');
    lines = [];
    chars = 0;
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  for (const batch of batches) {
    for (const r of batch) {
      const line = serialize(r);
      lines.push(line);
      chars += line.length;
      onRecord?.(r);
    }
    records += batch.length;
    if (chars >= CHUNK_CHARS) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { records, bytes };
}
