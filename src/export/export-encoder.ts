import { isCanonicalField, LogRecord } from '../logs/log-record';
import { toApiRecord } from '../logs/stored-record';
import { csvHeader, csvRow } from './csv-cell';
import { DEFAULT_CSV_COLUMNS, ExportRequest } from './export-request';

/** Turns records into the text of an export file, one batch at a time. */
export interface ExportEncoder {
  readonly contentType: string;
  readonly extension: string;
  header(): string;
  batch(records: LogRecord[]): string;
}

type ApiRecord = Record<string, unknown>;

/** A column's value: a canonical field, `fields` (all extras), or one extra input key (`seq` or `fields.seq`). */
function column(record: ApiRecord, name: string): unknown {
  if (isCanonicalField(name) || name === 'fields') return record[name];
  const extras = record.fields as Record<string, string>;
  if (Object.prototype.hasOwnProperty.call(extras, name)) return extras[name];
  const bare = name.startsWith('fields.') ? name.slice('fields.'.length) : null;
  return bare !== null && Object.prototype.hasOwnProperty.call(extras, bare) ? extras[bare] : null;
}

function csvEncoder(columns: string[]): ExportEncoder {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    header: () => csvHeader(columns),
    batch: (records) => records.map((r) => {
      const api = toApiRecord(r);
      return csvRow(columns.map((c) => column(api, c)));
    }).join(''),
  };
}

function ndjsonEncoder(columns: string[] | null): ExportEncoder {
  const project = columns === null
    ? (api: ApiRecord) => api
    : (api: ApiRecord) => Object.fromEntries(columns.map((c) => [c, column(api, c) ?? null]));
  return {
    contentType: 'application/x-ndjson',
    extension: 'ndjson',
    header: () => '',
    batch: (records) => records.map((r) => `${JSON.stringify(project(toApiRecord(r)))}\n`).join(''),
  };
}

export function encoderFor(request: Pick<ExportRequest, 'format' | 'columns'>): ExportEncoder {
  return request.format === 'ndjson' ? ndjsonEncoder(request.columns) : csvEncoder(request.columns ?? DEFAULT_CSV_COLUMNS);
}

/** `logs_export_YYYYMMDD_HHMMSS.csv[.gz]`, in UTC. */
export function exportFileName(extension: string, gzip: boolean, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `logs_export_${stamp}.${extension}${gzip ? '.gz' : ''}`;
}
