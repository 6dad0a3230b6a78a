import { badParameter } from '../platform/http/bad-request';
import { parseSearchRequest, SearchRequest } from '../search/search-request';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV columns when the caller names none: the fields people filter on, then the text. */
export const DEFAULT_CSV_COLUMNS = [
  '@timestamp', 'level', 'service', 'server', 'environment', 'method', 'endpoint', 'status_code',
  'response_time_ms', 'user_id', 'client_ip', 'correlation_id', 'trace_id', 'message',
];

const MAX_COLUMNS = 100;
const COLUMN_NAME = /^[\w@.\-]{1,100}$/;
const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off', ''];

/** An export: the search (every filter of POST /api/search), its file format, and its columns. */
export interface ExportRequest {
  search: SearchRequest;
  format: ExportFormat;
  gzip: boolean;
  /** Columns by wire name, or null for the format's default (CSV: DEFAULT_CSV_COLUMNS; NDJSON: whole records). */
  columns: string[] | null;
}

function format(raw: unknown): ExportFormat {
  if (raw === undefined || raw === null || raw === '') return 'csv';
  const value = String(raw).trim().toLowerCase();
  const found = EXPORT_FORMATS.find((f) => f === value || (f === 'ndjson' && (value === 'jsonl' || value === 'json')));
  if (!found) throw badParameter('format', `"${String(raw)}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  return found;
}

function flag(raw: unknown): boolean {
  if (raw === undefined || raw === null || typeof raw === 'boolean') return raw === true;
  const value = String(raw).trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw badParameter('gzip', 'must be true or false');
}

function columns(raw: unknown): string[] | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const items = (Array.isArray(raw) ? raw : String(raw).split(',')).map((c) => String(c).trim()).filter(Boolean);
  if (items.length === 0) return null;
  if (items.length > MAX_COLUMNS) throw badParameter('fields', `names more than ${MAX_COLUMNS} columns`);
  for (const item of items) {
    if (!COLUMN_NAME.test(item)) throw badParameter('fields', `"${item.slice(0, 100)}" is not a field name`);
  }
  return [...new Set(items)];
}

/**
 * Reads an export from a JSON or form body, with `format`, `gzip` and filters also taken
 * from the query string (a body value wins). Paging is ignored: an export has every match.
 */
export function parseExportRequest(body: Record<string, unknown>, query: Record<string, unknown> = {}, now = Date.now()): ExportRequest {
  const input = { ...query, ...body };
  const search = parseSearchRequest({ ...input, page: undefined, per_page: undefined, page_size: undefined }, now);
  // The store streams in time order only; an export in another order than asked would mislead.
  if (search.sortField !== '@timestamp') throw badParameter('sort', 'an export is ordered by @timestamp: use asc or desc');
  return { search, format: format(input.format), gzip: flag(input.gzip), columns: columns(input.fields) };
}
