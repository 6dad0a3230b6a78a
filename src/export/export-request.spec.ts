import { BadRequestException } from '@nestjs/common';
import { DEFAULT_CSV_COLUMNS, parseExportRequest } from './export-request';

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof BadRequestException) return (e.getResponse() as { field: string }).field;
    throw e;
  }
  return undefined;
}

describe('parseExportRequest', () => {
  it('defaults to a plain CSV, newest first, of every match', () => {
    const r = parseExportRequest({ q: 'timeout', level: 'error', page: 3, per_page: 10 });
    expect(r).toMatchObject({ format: 'csv', gzip: false, columns: null });
    expect(r.search).toMatchObject({ q: 'timeout', levels: ['ERROR'], sort: 'desc', sortField: '@timestamp', page: 1 });
    expect(DEFAULT_CSV_COLUMNS[0]).toBe('@timestamp');
  });

  it('reads format, gzip and fields from a form body or the query string, the body winning', () => {
    expect(parseExportRequest({ gzip: 'on', format: 'NDJSON' })).toMatchObject({ format: 'ndjson', gzip: true });
    expect(parseExportRequest({}, { format: 'ndjson', gzip: '1' })).toMatchObject({ format: 'ndjson', gzip: true });
    expect(parseExportRequest({ format: 'csv', gzip: false }, { format: 'ndjson', gzip: 'true' })).toMatchObject({ format: 'csv', gzip: false });
    expect(parseExportRequest({ fields: 'level, message,level' }).columns).toEqual(['level', 'message']);
    expect(parseExportRequest({ fields: ['level', 'seq'] }).columns).toEqual(['level', 'seq']);
  });

  it('names the parameter at fault', () => {
    expect(fieldOf(() => parseExportRequest({ format: 'xlsx' }))).toBe('format');
    expect(fieldOf(() => parseExportRequest({ gzip: 'maybe' }))).toBe('gzip');
    expect(fieldOf(() => parseExportRequest({ fields: 'level,bad name' }))).toBe('fields');
    expect(fieldOf(() => parseExportRequest({ sort: 'response_time_ms:desc' }))).toBe('sort');
    expect(fieldOf(() => parseExportRequest({ level: 'LOUD' }))).toBe('level');
  });
});
