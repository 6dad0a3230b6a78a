import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileStore } from '../../src/files/file-store';
import { LogWriteStore } from '../../src/logs/log-write-store';
import { newId } from '../../src/platform/ids';
import { ndjson, startTestApp, TestApp, waitFor } from '../support/test-app';

/**
 * An accepted upload whose processing was cut short (the process died mid-file) is ingested
 * again on the next start: its partial records are removed first, so every line ends up
 * stored exactly once.
 */
describe('an upload interrupted by a crash (e2e)', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('is ingested again, once, after a restart', async () => {
    t = await startTestApp();
    const stored = path.join(t.dir, 'data', 'files', 'interrupted.ndjson');
    fs.mkdirSync(path.dirname(stored), { recursive: true });
    fs.writeFileSync(stored, ndjson(300, 'resumeword'));
    const id = newId();
    await t.app.get(FileStore).create({
      id, tenantId: 'default', originalName: 'interrupted.ndjson', storedPath: stored, source: 'upload', sourceKey: null,
      format: 'auto', size: fs.statSync(stored).size, status: 'processing', linesTotal: 100, bytesProcessed: 1000,
      accepted: 100, rejected: 0, errors: [], failure: null, options: { format: 'auto' }, uploadedBy: 'admin',
      uploadDate: Date.now(), completedAt: null, description: null,
    });
    // What the dead process had committed of it: the first 100 records.
    const now = Date.now();
    const partial = ndjson(100, 'resumeword').split('\n').map((line, i) => {
      const raw = JSON.parse(line);
      return {
        id: newId(now), tenantId: 'default', timestamp: Date.parse(raw.timestamp), ingestedAt: now, level: 'INFO' as const,
        message: raw.message, service: raw.service, server: null, environment: null, logType: null, correlationId: null,
        traceId: null, spanId: null, userId: null, clientIp: null, method: null, endpoint: raw.endpoint, statusCode: raw.status_code,
        responseTimeMs: raw.response_time_ms, userAgent: null, sqlQuery: null, queryDurationMs: null, tags: [], fileId: id, patternId: null,
        fields: { seq: String(i) },
      };
    });
    await t.app.get(LogWriteStore).append('default', partial);
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'resumeword' })).body.total).toBe(100);

    await t.close(true);
    t = await startTestApp({ dir: t.dir });
    const file = await waitFor(async () => {
      const f = (await t.http.get(`/api/files/${id}`).set(t.auth)).body;
      return f.status === 'completed' ? f : null;
    });
    expect(file).toMatchObject({ accepted: 300, rejected: 0, lines_total: 300 });
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'resumeword', per_page: 1 }).expect(200);
    expect(found.body.total).toBe(300);
  });
});
