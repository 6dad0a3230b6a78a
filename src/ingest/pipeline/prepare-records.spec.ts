import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IngestJobOptions, PreparedChunk } from './ingest-job';
import { FIRST_CHUNK_RECORDS, prepareBody, prepareFile } from './prepare-records';
import { FakePatternStore } from '../../patterns/fake-pattern-store';
import { PatternAssigner } from '../../patterns/pattern-assigner';
import { PatternKey } from '../../patterns/pattern-key';
import { PatternStamper } from './pattern-stamper';

describe('prepare-records', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-prepare-'));
  const options = (extra: Partial<IngestJobOptions> = {}): IngestJobOptions => ({
    tenantId: 't1', fileId: 'f1', format: 'ndjson', spoolDir: path.join(dir, 'spool'), ...extra,
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const storedLines = (chunk: PreparedChunk) => fs.readFileSync(chunk.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('reads each message with an input’s rule, and labels records with the file name when asked', async () => {
    const body = '{"message":"2024-12-10 06:55:46,123 WARN [main] slow","host":"h1"}\n{"message":"free text"}\n';
    const chunk = await prepareBody(body, options({ messageRule: { pattern: '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} \\[%{WORD:thread}\\] %{GREEDYDATA:message}' }, filename: 'app.log', labelFilename: true }));
    const [ruled, free] = storedLines(chunk);
    expect(ruled).toMatchObject({ message: 'slow', level: 'WARNING', server: 'h1', fields: { thread: 'main', filename: 'app.log' } });
    expect(chunk.oldestTimestamp).toBe(Date.UTC(2024, 11, 10, 6, 55, 46, 123));
    expect(free).toMatchObject({ message: 'free text', fields: { filename: 'app.log' } });
  });

  it('spools normalized records stamped with tenant, file and a fresh id, and reports rejects', async () => {
    const chunk = await prepareBody('{"msg":"one","lvl":"warn"}\nnot json\n{"message":"two"}\n', options(), true);
    expect(chunk).toMatchObject({ accepted: 2, rejected: 1, errors: [{ line: 2, reason: expect.any(String) }] });
    const rows = storedLines(chunk);
    expect(rows.map((r) => [r.message, r.level, r.tenant_id, r.file_id])).toEqual([
      ['one', 'WARNING', 't1', 'f1'],
      ['two', 'INFO', 't1', 'f1'],
    ]);
    expect(chunk.ids).toEqual(rows.map((r) => r.id));
  });

  it('reports the earliest timestamp of the accepted records, null when none was accepted', async () => {
    const chunk = await prepareBody('{"message":"a","@timestamp":"2026-01-02T00:00:00Z"}\n{"message":"b","@timestamp":"2026-01-01T00:00:00Z"}\n', options());
    expect(chunk.oldestTimestamp).toBe(Date.UTC(2026, 0, 1));
    expect((await prepareBody('not json\n', options())).oldestTimestamp).toBeNull();
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

  describe('pattern ids', () => {
    const body = [
      { message: 'User u-1 logged in', service: 'auth', '@timestamp': '2026-01-01T00:00:05Z' },
      { message: 'User u-2 logged in', service: 'auth', '@timestamp': '2026-01-01T00:00:01Z' },
      { message: 'User u-3 logged in\n  at frame 1', service: 'auth', '@timestamp': '2026-01-01T00:00:09Z' },
      { message: 'User u-4 logged in', service: 'billing', '@timestamp': '2026-01-01T00:00:02Z' },
      { message: 'Disk /dev/sda1 is 91% full', service: 'auth', '@timestamp': '2026-01-01T00:00:03Z' },
    ].map((r) => JSON.stringify(r)).join('\n');

    it('stamps each record with its pattern, asks only about unseen shapes, and counts records per pattern', async () => {
      const asked: PatternKey[][] = [];
      const assigner = new PatternAssigner(new FakePatternStore());
      const stamper = new PatternStamper(async (tenantId, keys) => {
        asked.push(keys);
        return assigner.assign(tenantId, keys);
      });
      const first = await prepareBody(body, options(), false, stamper);
      const rows = storedLines(first);
      const [login, , , billing, disk] = rows.map((r) => r.pattern_id);
      expect(rows.map((r) => r.pattern_id)).toEqual([login, login, login, billing, disk]);
      expect(new Set([login, billing, disk]).size).toBe(3);
      expect(asked).toEqual([[
        { service: 'auth', masked: 'User <*> logged in', sample: 'User u-1 logged in', timestamp: Date.UTC(2026, 0, 1, 0, 0, 5) },
        { service: 'billing', masked: 'User <*> logged in', sample: 'User u-4 logged in', timestamp: Date.UTC(2026, 0, 1, 0, 0, 2) },
        { service: 'auth', masked: 'Disk <*> is <*> full', sample: 'Disk /dev/sda1 is 91% full', timestamp: Date.UTC(2026, 0, 1, 0, 0, 3) },
      ]]);
      expect(first.patterns).toEqual(expect.arrayContaining([
        { id: login, count: 3, firstSeen: Date.UTC(2026, 0, 1, 0, 0, 1), lastSeen: Date.UTC(2026, 0, 1, 0, 0, 9) },
        { id: billing, count: 1, firstSeen: Date.UTC(2026, 0, 1, 0, 0, 2), lastSeen: Date.UTC(2026, 0, 1, 0, 0, 2) },
      ]));
      const second = await prepareBody(body, options(), false, stamper);
      expect(storedLines(second).map((r) => r.pattern_id)).toEqual([login, login, login, billing, disk]);
      expect(asked).toHaveLength(1);
    });

    it('keeps the records, without a pattern id, when the assigner fails', async () => {
      const stamper = new PatternStamper(async () => {
        throw new Error('store down');
      });
      const chunk = await prepareBody(body, options(), false, stamper);
      expect(chunk.accepted).toBe(5);
      expect(storedLines(chunk).map((r) => r.pattern_id)).toEqual([null, null, null, null, null]);
      expect(chunk.patterns).toEqual([]);
    });

    it('keeps tenants apart: the same shape in another tenant is resolved for that tenant', async () => {
      const tenants: string[] = [];
      const stamper = new PatternStamper(async (tenantId, keys) => {
        tenants.push(tenantId);
        return keys.map((k) => `${tenantId}:${k.masked}`);
      });
      const a = await prepareBody(body, options(), false, stamper);
      const b = await prepareBody(body, options({ tenantId: 't2' }), false, stamper);
      expect(tenants).toEqual(['t1', 't2']);
      expect(storedLines(a)[0].pattern_id).toBe('t1:User <*> logged in');
      expect(storedLines(b)[0].pattern_id).toBe('t2:User <*> logged in');
    });
  });
});
