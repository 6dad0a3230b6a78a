import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IngestJobOptions, PreparedChunk } from './ingest-job';
import { FIRST_CHUNK_RECORDS, prepareBody, prepareFile } from './prepare-records';

describe('prepare-records', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-prepare-'));
  const options = (extra: Partial<IngestJobOptions> = {}): IngestJobOptions => ({
    tenantId: 't1', fileId: 'f1', format: 'ndjson', spoolDir: path.join(dir, 'spool'), ...extra,
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const storedLines = (chunk: PreparedChunk) => fs.readFileSync(chunk.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('spools normalized records stamped with tenant, file and a fresh id, and reports rejects', () => {
    const chunk = prepareBody('{"msg":"one","lvl":"warn"}\nnot json\n{"message":"two"}\n', options(), true);
    expect(chunk).toMatchObject({ accepted: 2, rejected: 1, errors: [{ line: 2, reason: expect.any(String) }] });
    const rows = storedLines(chunk);
    expect(rows.map((r) => [r.message, r.level, r.tenant_id, r.file_id])).toEqual([
      ['one', 'WARNING', 't1', 'f1'],
      ['two', 'INFO', 't1', 'f1'],
    ]);
    expect(chunk.ids).toEqual(rows.map((r) => r.id));
  });

  it('reports the earliest timestamp of the accepted records, null when none was accepted', () => {
    const chunk = prepareBody('{"message":"a","@timestamp":"2026-01-02T00:00:00Z"}\n{"message":"b","@timestamp":"2026-01-01T00:00:00Z"}\n', options());
    expect(chunk.oldestTimestamp).toBe(Date.UTC(2026, 0, 1));
    expect(prepareBody('not json\n', options()).oldestTimestamp).toBeNull();
  });

  it('streams a file in chunks, counting lines, also without a final newline', async () => {
    const file = path.join(dir, 'in.ndjson');
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ message: `m${i}` }));
    lines[7] = '{broken';
    fs.writeFileSync(file, lines.join('\n'));
    const chunks: PreparedChunk[] = [];
    await prepareFile(file, options({ format: 'auto', filename: 'in.ndjson' }), 10, async (c) => {
      chunks.push(c);
    });
    // Chunks close at read-buffer boundaries (1 MiB); the unterminated last line comes at the end.
    expect(chunks.map((c) => c.accepted)).toEqual([23, 1]);
    expect(chunks.reduce((n, c) => n + c.rejected, 0)).toBe(1);
    expect(chunks[0].errors).toEqual([{ line: 8, reason: expect.any(String) }]);
    expect(chunks[chunks.length - 1].lines).toBe(25);
    expect(chunks[chunks.length - 1].bytes).toBe(fs.statSync(file).size);
    expect(chunks.flatMap(storedLines).map((r) => r.message)).toEqual(lines.filter((_, i) => i !== 7).map((_, i, a) => JSON.parse(a[i]).message));
  });

  it('hands over a first chunk after the first read buffer, so a large file shows counts at once', async () => {
    const file = path.join(dir, 'large.ndjson');
    const line = JSON.stringify({ message: 'x'.repeat(80) });
    fs.writeFileSync(file, `${Array(30_000).fill(line).join('\n')}\n`);
    const chunks: PreparedChunk[] = [];
    await prepareFile(file, options(), 50_000, async (c) => {
      chunks.push(c);
    });
    expect(chunks).toHaveLength(2);
    expect(chunks[0].bytes).toBe(1024 * 1024);
    expect(chunks[0].accepted).toBeGreaterThanOrEqual(FIRST_CHUNK_RECORDS);
    expect(chunks[0].accepted + chunks[1].accepted).toBe(30_000);
  });

  it('keeps at most one chunk committing while the next is prepared, and fails when a commit fails', async () => {
    const file = path.join(dir, 'big.ndjson');
    const pad = 'x'.repeat(80);
    fs.writeFileSync(file, Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ message: `m${i} ${pad}` })).join('\n') + '\n');
    let inFlight = 0;
    let maxInFlight = 0;
    let total = 0;
    await prepareFile(file, options(), 5_000, async (c) => {
      total += c.accepted;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
    });
    expect(maxInFlight).toBe(1);
    expect(total).toBe(40_000);
    let calls = 0;
    await expect(
      prepareFile(file, options(), 5_000, async () => {
        if (++calls === 2) throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
  });
});
