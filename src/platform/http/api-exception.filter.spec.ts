import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { CommitFailedError, WriterSaturatedError } from '../../ingest/pipeline/log-writer';
import { ApiExceptionFilter } from './api-exception.filter';
import { badParameter } from './bad-request';

function respond(exception: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    headersSent: false,
    setHeader: (k: string, v: string) => void (sent.headers[k] = v),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => void (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('answers a saturated writer with 503 and Retry-After, so clients back off instead of losing data', () => {
    const sent = respond(new WriterSaturatedError(3));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('3');
    expect(sent.body).toMatchObject({ success: false, error: 'saturated', retry_after: 3 });
  });

  it('keeps the field of a bad parameter and the status of HTTP errors', () => {
    expect(respond(badParameter('per_page', 'must be an integer'))).toMatchObject({
      status: 400,
      body: { success: false, error: 'invalid_parameter', field: 'per_page', message: 'per_page: must be an integer' },
    });
    expect(respond(new NotFoundException({ success: false, error: 'not_found', message: 'No file x' }))).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('answers a data directory that cannot be written, and a refused commit, with 503 and Retry-After', () => {
    const readOnly = Object.assign(new Error("EROFS: read-only file system, open '/data/spool/x.ndjson'"), { code: 'EROFS' });
    for (const err of [readOnly, new Error('ENOSPC: no space left on device, write'), new CommitFailedError(new Error('IO Error'))]) {
      const sent = respond(err);
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe('30');
      expect(sent.body).toMatchObject({ success: false, error: 'storage_unavailable' });
      expect(JSON.stringify(sent.body)).not.toContain('/data');
    }
  });

  it('maps body parser errors to their 4xx', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, expose: true });
    expect(respond(tooLarge)).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
    const corrupt = Object.assign(new Error('incorrect header check'), { status: 400, expose: true });
    expect(respond(corrupt)).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    const internal = Object.assign(new Error('stream is not readable'), { type: 'stream.not.readable', status: 500, expose: false });
    expect(respond(internal).status).toBe(500);
  });

  it('hides unexpected errors behind a 500', () => {
    const sent = respond(new Error('SQLITE_CORRUPT: secret path /data/x'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});
