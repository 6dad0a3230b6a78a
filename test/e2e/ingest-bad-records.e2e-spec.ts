import { ndjson, startTestApp, TestApp, waitFor } from '../support/test-app';

// Issue 14, item 1: a lone UTF-16 surrogate (valid for JSON.parse, refused by DuckDB's
// reader) failed the spool file and with it every request of the same group commit.
const LONE_SURROGATE_LINE = '{"message":"bad \\ud800 surrogateword","level":"info"}';

describe('ingest of records that a store would refuse (e2e)', () => {
  let t: TestApp;
  let other: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    other = await t.userIn('acme', 'acme-member');
  });
  afterAll(() => t.close());

  const bulk = (auth: { Authorization: string }, body: string) =>
    t.http.post('/api/logs/bulk').set(auth).set('Content-Type', 'application/x-ndjson').send(body);

  it('stores a lone surrogate as U+FFFD and fails none of the concurrent requests of other tenants', async () => {
    const good = Array.from({ length: 24 }, (_, i) => bulk(t.auth, ndjson(20, `groupword${i}`)));
    const bad = Array.from({ length: 8 }, () => bulk(other, LONE_SURROGATE_LINE));
    const answers = await Promise.all([...good, ...bad]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const a of answers.slice(24)) expect(a.body).toMatchObject({ accepted: 1, rejected: 0 });

    const found = await t.http.post('/api/search').set(other).send({ q: 'surrogateword', per_page: 1 }).expect(200);
    expect(found.body.total).toBe(8);
    expect(found.body.results[0].message).toBe('bad \ufffd surrogateword');
    const mine = await t.http.post('/api/search').set(t.auth).send({ q: 'groupword7' }).expect(200);
    expect(mine.body.total).toBe(20);
  });

  it('keeps a file of 2,000 good lines and one such line whole, in field names too', async () => {
    const body = `${ndjson(1000, 'fileword')}\n${LONE_SURROGATE_LINE}\n{"message":"key fileword","k\\udfff":"v"}\n${ndjson(999, 'fileword')}\n`;
    const res = await t.http.post('/api/upload').set(t.auth).attach('file', Buffer.from(body), 'mixed.ndjson').expect(201);
    const done = await waitFor(async () => {
      const f = (await t.http.get(`/api/files/${res.body.file_id}`).set(t.auth).expect(200)).body.file;
      return f.status === 'completed' || f.status === 'failed' ? f : null;
    });
    expect(done).toMatchObject({ status: 'completed', accepted: 2001, rejected: 0 });
    expect(JSON.stringify(done)).not.toContain('spool');
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'fileword' }).expect(200);
    expect(found.body.total).toBe(2000);
    const key = await t.http.post('/api/search').set(t.auth).send({ q: '"key fileword"' }).expect(200);
    expect(key.body.results[0].fields).toEqual({ 'k\ufffd': 'v', filename: 'mixed.ndjson' });
  });
});
