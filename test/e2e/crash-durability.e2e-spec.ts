import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer, call, freePort, loginToken, ROOT, startServer } from '../support/child-server';
import { ADMIN_PASSWORD, waitFor } from '../support/test-app';

/**
 * Starts the compiled server as a child process (worker threads on), ingests from several
 * concurrent clients, SIGKILLs it mid-stream, restarts it on the same data, and expects
 * every record whose request got a 2xx.
 */
describe('durability across kill -9 (e2e, child process)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-crash-'));
  let child: ChildProcess | null = null;

  async function start(port: number): Promise<string> {
    child = await startServer(port, {
      LOGNEST_DATA_DIR: path.join(dir, 'data'), LOGNEST_UPLOADS_DIR: path.join(dir, 'uploads'),
      LOGNEST_ADMIN_PASSWORD: ADMIN_PASSWORD, LOGNEST_INGEST_WORKERS: '2',
    });
    return loginToken(port, 'admin', ADMIN_PASSWORD);
  }

  beforeAll(() => buildServer(), 120_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged record', async () => {
    const port = await freePort();
    const token = await start(port);
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-ndjson' };
    const acknowledged: number[] = [];
    let stop = false;
    let sent = 0;
    const client = async (clientId: number) => {
      for (let batch = 0; !stop && batch < 200; batch++) {
        const key = clientId * 1000 + batch;
        sent++;
        const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ message: `crashword batch ${key} line ${i}`, batch_key: String(key) }));
        const res = await call(port, 'POST', '/api/logs/bulk', lines.join('\n'), auth).catch(() => null);
        if (res?.status === 200) acknowledged.push(key);
      }
    };
    const clients = [0, 1, 2].map(client);
    await waitFor(async () => acknowledged.length >= 10, 30_000, 5);
    child!.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    expect(sent).toBeGreaterThan(acknowledged.length);

    const token2 = await start(port);
    const auth2 = { Authorization: `Bearer ${token2}` };
    for (const key of acknowledged) {
      const res = await call(port, 'POST', '/api/search', JSON.stringify({ q: `batch_key:"${key}"`, per_page: 1 }), auth2);
      expect({ key, total: JSON.parse(res.body).total }).toEqual({ key, total: 200 });
    }
    child!.kill('SIGKILL');
  }, 120_000);

  it('replaces an ingest worker thread that died, and the next job runs', async () => {
    const { WorkerIngestRunner } = require(path.join(ROOT, 'dist/src/ingest/pipeline/worker-ingest-runner.js'));
    const runner = new WorkerIngestRunner(1);
    const spoolDir = path.join(dir, 'worker-spool');
    const options = { tenantId: 't', fileId: null, format: 'ndjson', spoolDir };
    const first = await runner.runBody(Buffer.from('{"message":"one"}\n'), options, true);
    expect(first.accepted).toBe(1);
    await (runner as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0].terminate();
    await new Promise((r) => setTimeout(r, 100));
    const second = await runner.runBody(Buffer.from('{"message":"two"}\n{"message":"three"}\n'), options, true);
    expect(second.accepted).toBe(2);
    await runner.close();
  });
});
