import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildServer, call, freePort, loginToken, startServer } from '../support/child-server';
import { LiveClient, settle, until } from '../support/live-client';
import { ADMIN_PASSWORD } from '../support/test-app';
import { TEST_REDIS_URL } from './support/test-redis';

/**
 * Two Lognest server processes on one Redis (each with its own data directory, as two
 * processes in front of a shared store would be): what is ingested on one reaches the live
 * subscribers of the other, over socket.io and SSE, once; connected_users counts both.
 * Tenant `default` of each process; each process's admin is a different user.
 */
describe('live across two processes on Redis (integration)', () => {
  const dirs = [0, 1].map((i) => fs.mkdtempSync(path.join(os.tmpdir(), `lognest-live-${i}-`)));
  const children: ChildProcess[] = [];
  const servers: { port: number; token: string }[] = [];
  const clients: LiveClient[] = [];
  const marker = `xproc${Date.now()}`;

  beforeAll(async () => {
    buildServer();
    for (const dir of dirs) {
      const port = await freePort();
      children.push(await startServer(port, {
        LOGNEST_DATA_DIR: path.join(dir, 'data'), LOGNEST_UPLOADS_DIR: path.join(dir, 'uploads'), LOGNEST_ADMIN_PASSWORD: ADMIN_PASSWORD, LOGNEST_REDIS_URL: TEST_REDIS_URL, LOGNEST_RATE_LIMITS: 'login=1000/hour',
      }));
      servers.push({ port, token: await loginToken(port, 'admin', ADMIN_PASSWORD) });
    }
  }, 180_000);

  afterAll(() => {
    clients.forEach((c) => c.close());
    children.forEach((c) => c.kill('SIGTERM'));
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  const ingest = (server: { port: number; token: string }, lines: string[]) =>
    call(server.port, 'POST', '/api/logs/bulk', lines.join('\n'), { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/x-ndjson' });
  const line = (i: number, where: string) => JSON.stringify({ message: `${marker} ${where} ${i}`, level: i % 2 ? 'error' : 'info', service: 'xproc', seq: i });

  it('delivers records ingested on one process to subscribers of the other, once, and counts users of both', async () => {
    const [a, b] = servers;
    const onB = await new LiveClient(`http://127.0.0.1:${b.port}`, { token: b.token }).connected();
    const onA = await new LiveClient(`http://127.0.0.1:${a.port}`, { token: a.token }).connected();
    clients.push(onA, onB);
    await onB.setFilters({ query: `${marker} level:ERROR` });
    await onA.setFilters({ query: marker });
    const sse: string[] = [];
    const req = http.get({ host: '127.0.0.1', port: b.port, path: `/api/logs/tail?query=${marker}`, headers: { Authorization: `Bearer ${b.token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => sse.push(...chunk.split('\n').filter((l) => l.startsWith('data: '))));
    });
    await settle(300); // the first client's presence reaches the other process at once, by pub/sub

    expect((await ingest(a, Array.from({ length: 20 }, (_, i) => line(i, 'from-a')))).status).toBe(200);
    expect((await ingest(b, Array.from({ length: 4 }, (_, i) => line(i, 'from-b')))).status).toBe(200);
    await until(() => onB.records.length === 12 && sse.length === 24 && onA.records.length === 24, 'records on both sides', 10_000);
    await settle();
    req.destroy();
    expect(onB.records.map((r) => r.message).sort()).toEqual(
      [...Array.from({ length: 10 }, (_, i) => `${marker} from-a ${2 * i + 1}`), `${marker} from-b 1`, `${marker} from-b 3`].sort(),
    );
    expect(new Set(onA.records.map((r) => r.id)).size).toBe(24);
    expect(onB.records[0]).toMatchObject({ service: 'xproc', level: 'ERROR', fields: { seq: expect.any(String) } });

    await until(() => onA.metrics.some((m) => m.connected_users === 2) && onB.metrics.some((m) => m.connected_users === 2), 'users of both processes', 5_000);
  });
});
