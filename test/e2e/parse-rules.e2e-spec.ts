import { startTestApp, TestApp, waitFor } from '../support/test-app';

const LOGCAT = [
  '--------- beginning of main',
  '03-17 16:13:40.120  2227  2227 E AndroidRuntime: FATAL EXCEPTION: ruleword main',
  'java.lang.RuntimeException: boom',
  '03-17 16:13:41.000   512   530 V AudioFlinger: ruleword start',
].join('\n');

async function completed(t: TestApp, id: string) {
  return waitFor(async () => {
    const f = (await t.http.get(`/api/files/${id}`).set(t.auth).expect(200)).body;
    return f.status === 'completed' || f.status === 'failed' ? f : null;
  });
}

describe('parsing rules (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('previews the first lines of a file with a named format as table rows', async () => {
    const res = await t.http.post('/api/parse/preview').set(t.auth).send({ sample: LOGCAT, format: 'logcat' }).expect(200);
    expect(res.body).toMatchObject({ success: true, format: 'text', records: 1, rejected: 1, timestamped: 1, rule: { format: 'logcat' } });
    // The last line of a sample may be cut: it is left out.
    expect(res.body.rows).toEqual([
      { line: 1, error: 'line does not match the parsing rule' },
      { line: 2, values: expect.objectContaining({ level: 'ERROR', 'fields.pid': '2227', 'fields.tag': 'AndroidRuntime' }) },
    ]);
    expect(res.body.columns).toEqual(expect.arrayContaining(['@timestamp', 'level', 'message', 'fields.tag']));
  });

  it('previews by detection when no rule is given, and with a user grok pattern', async () => {
    const detected = await t.http.post('/api/parse/preview').set(t.auth).send({ sample: '081109 203615 148 INFO dfs.DataNode: x\n' }).expect(200);
    expect(detected.body.rows[0].values).toMatchObject({ '@timestamp': '2008-11-09T20:36:15.000Z', level: 'INFO' });
    const grok = await t.http.post('/api/parse/preview').set(t.auth)
      .send({ sample: '2024-12-10 06:55:46,123 WARN [main] slow\n', pattern: '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} \\[%{WORD:thread}\\] %{GREEDYDATA:message}' })
      .expect(200);
    expect(grok.body.rows[0].values).toEqual({ '@timestamp': '2024-12-10T06:55:46.123Z', level: 'WARNING', message: 'slow', 'fields.thread': 'main' });
  });

  it('answers a bad pattern with 400, the part and the position', async () => {
    const res = await t.http.post('/api/parse/preview').set(t.auth).send({ sample: 'x\n', pattern: '%{INT:n} (unclosed' }).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_rule', field: 'pattern', position: 9 });
    expect(res.body.message).toMatch(/missing closing \)/);
    const fmt = await t.http.post('/api/parse/preview').set(t.auth).send({ sample: 'x\n', format: 'cobol' }).expect(400);
    expect(fmt.body).toMatchObject({ field: 'format' });
    const upload = await t.http.post('/api/upload').set(t.auth).field('pattern', '%{NOPE:x}').attach('file', Buffer.from('a\n'), 'a.log').expect(400);
    expect(upload.body).toMatchObject({ error: 'invalid_rule', field: 'pattern', position: 0 });
  });

  it('ingests an upload with its rule; every record carries its file name, searchable', async () => {
    const res = await t.http.post('/api/upload').set(t.auth).field('format', 'logcat').attach('file', Buffer.from(LOGCAT + '\n'), 'phone-ruleword.log').expect(201);
    const file = await completed(t, res.body.file_id);
    expect(file).toMatchObject({ status: 'completed', accepted: 2, rejected: 1, rule: { format: 'logcat', pattern: null, timestamp_format: null } });
    const found = await t.http.post('/api/search').set(t.auth).send({ q: 'ruleword AND filename:"phone-ruleword.log"', sort: 'asc' }).expect(200);
    expect(found.body.total).toBe(2);
    expect(found.body.results[0]).toMatchObject({ level: 'ERROR', message: 'FATAL EXCEPTION: ruleword main\njava.lang.RuntimeException: boom' });
    expect(found.body.results[1]).toMatchObject({ level: 'TRACE' });
  });
});
