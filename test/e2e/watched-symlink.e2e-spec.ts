import * as fs from 'node:fs';
import * as path from 'node:path';
import { FilesService } from '../../src/files/files.service';
import { startTestApp, TestApp, waitFor } from '../support/test-app';

// Issue 14, item 6: a file the scan registered, replaced before it is processed, must not
// make Lognest read what the replacement points at.
describe('watched folder: a file swapped after the scan (e2e, file system)', () => {
  let t: TestApp;
  let outside: string;
  const SECRET = '{"message":"outside secretword"}\n';
  beforeAll(async () => {
    t = await startTestApp();
    outside = path.join(t.dir, 'outside.ndjson');
    fs.writeFileSync(outside, SECRET);
  });
  afterAll(() => t.close());

  // Hidden names: the folder's own scan ignores them, so only this registration counts.
  /** Registers `name` as the scan does (its size and inode then), then lets `swap` change the disk. */
  async function registerThenSwap(name: string, swap: (full: string) => void) {
    const full = path.join(t.uploadsDir, name);
    fs.mkdirSync(t.uploadsDir, { recursive: true });
    fs.writeFileSync(full, '{"message":"inside goodword"}\n'.padEnd(SECRET.length - 1, ' ') + '\n');
    const stat = fs.statSync(full);
    expect(stat.size).toBe(SECRET.length);
    swap(full);
    const files = t.app.get(FilesService);
    const file = await files.register({
      tenantId: 'default', originalName: name, storedPath: full, size: stat.size, source: 'watch',
      sourceKey: `watch:${name}:${stat.size}:${Math.floor(stat.mtimeMs)}`, uploadedBy: 'watched-folder',
      options: { format: 'auto', inode: stat.ino },
    });
    return waitFor(async () => {
      const f = (await t.http.get(`/api/files/${file.id}`).set(t.auth).expect(200)).body;
      return f.status === 'completed' || f.status === 'failed' ? f : null;
    });
  }

  it('refuses a file replaced by a symbolic link to a file outside the folder', async () => {
    const done = await registerThenSwap('.swapped.ndjson', (full) => {
      fs.rmSync(full);
      fs.symlinkSync(outside, full);
    });
    expect(done).toMatchObject({ status: 'failed', accepted: 0 });
    expect(JSON.stringify(done)).toMatch(/symbolic link/);
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'secretword' }).expect(200)).body.total).toBe(0);
  });

  it('refuses a file replaced by another file of the same size (inode changed)', async () => {
    const done = await registerThenSwap('.replaced.ndjson', (full) => {
      const next = `${full}.tmp`;
      fs.copyFileSync(outside, next);
      fs.renameSync(next, full);
    });
    expect(done).toMatchObject({ status: 'failed', accepted: 0 });
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'secretword' }).expect(200)).body.total).toBe(0);
  });

  it('refuses a file whose tenant folder became a link out of the watched folder', async () => {
    await t.userIn('acme', 'acme-member');
    const folder = path.join(t.uploadsDir, 'acme');
    fs.mkdirSync(folder, { recursive: true });
    const elsewhere = fs.mkdtempSync(path.join(t.dir, 'elsewhere-'));
    const done = await registerThenSwap(path.join('acme', '.moved.ndjson'), (full) => {
      fs.copyFileSync(full, path.join(elsewhere, '.moved.ndjson'));
      fs.rmSync(folder, { recursive: true });
      fs.symlinkSync(elsewhere, folder);
    });
    expect(done).toMatchObject({ status: 'failed', accepted: 0 });
    fs.rmSync(folder);
  });

  it('ingests an unchanged file of the watched folder', async () => {
    const done = await registerThenSwap('.kept.ndjson', () => undefined);
    expect(done).toMatchObject({ status: 'completed', accepted: 1 });
    expect((await t.http.post('/api/search').set(t.auth).send({ q: 'goodword' }).expect(200)).body.total).toBeGreaterThanOrEqual(1);
  });
});
