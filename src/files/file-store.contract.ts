import { newId } from '../platform/ids';
import { DuplicateSourceKeyError, FileStore } from './file-store';
import { LogFile } from './file-types';

/** The tenants the contract writes files for; an adapter with foreign keys creates them first. */
export const FILE_STORE_CONTRACT_TENANTS = ['tenant-a', 'tenant-b'] as const;
const [A, B] = FILE_STORE_CONTRACT_TENANTS;
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

function logFile(tenantId: string, uploadDate: number, over: Partial<LogFile> = {}): LogFile {
  const id = newId();
  return {
    id, tenantId, originalName: `${id}.log`, storedPath: `/data/uploads/${id}.log`, source: 'upload', sourceKey: null,
    format: 'auto', size: 1024, status: 'pending', linesTotal: 0, bytesProcessed: 0, accepted: 0, rejected: 0, errors: [],
    failure: null, options: { format: 'auto' }, uploadedBy: 'u1', uploadDate, completedAt: null, description: null, ...over,
  };
}

/** The behaviour every FileStore adapter (SQLite, MongoDB, memory) must show. */
export function describeFileStoreContract(name: string, make: () => Promise<{ store: FileStore; close(): Promise<void> }>) {
  describe(`FileStore contract: ${name}`, () => {
    let store: FileStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, close } = await make());
    });

    afterEach(() => close());

    it('gives back a created file as it was, to its own tenant only', async () => {
      const file = logFile(A, T0, {
        source: 'watch', sourceKey: 'watch:a.log:10:1', format: 'csv', status: 'completed', linesTotal: 3, accepted: 2,
        rejected: 1, errors: [{ line: 2, reason: 'no message' }], options: { format: 'csv', delimiter: ';', service: 'api' },
        completedAt: T0 + 5, description: 'nightly export',
      });
      await store.create(file);
      expect(await store.get(A, file.id)).toEqual(file);
      expect(await store.get(B, file.id)).toBeNull();
      expect(await store.get(A, newId())).toBeNull();
    });

    it('lists a tenant’s files newest first, in pages, with the total', async () => {
      const files = [logFile(A, T0 + 2), logFile(A, T0), logFile(A, T0 + 3), logFile(A, T0 + 1)];
      for (const f of files) await store.create(f);
      await store.create(logFile(B, T0 + 10));
      const newestFirst = [files[2], files[0], files[3], files[1]].map((f) => f.id);
      const all = await store.list(A, 0, 10);
      expect(all.total).toBe(4);
      expect(all.files.map((f) => f.id)).toEqual(newestFirst);
      expect(all.files[0]).toEqual(files[2]);
      const second = await store.list(A, 2, 2);
      expect(second).toEqual({ total: 4, files: [files[3], files[1]] });
      expect(await store.list(A, 4, 2)).toEqual({ total: 4, files: [] });
      expect((await store.list(B, 0, 10)).total).toBe(1);
      expect(await store.list('tenant-none', 0, 10)).toEqual({ total: 0, files: [] });
    });

    it('orders files uploaded at the same time by id, newest id first', async () => {
      const first = logFile(A, T0);
      const second = logFile(A, T0);
      await store.create(second);
      await store.create(first);
      expect((await store.list(A, 0, 10)).files.map((f) => f.id)).toEqual([second.id, first.id]);
    });

    it('updates only the progress given, of its own tenant’s file', async () => {
      const file = logFile(A, T0);
      await store.create(file);
      await store.updateProgress(A, file.id, { status: 'processing', bytesProcessed: 512, linesTotal: 10 });
      await store.updateProgress(A, file.id, { accepted: 9, rejected: 1, errors: [{ line: 4, reason: 'bad json' }], bytesProcessed: undefined });
      await store.updateProgress(A, file.id, {});
      const progressed = { ...file, status: 'processing', bytesProcessed: 512, linesTotal: 10, accepted: 9, rejected: 1, errors: [{ line: 4, reason: 'bad json' }] };
      expect(await store.get(A, file.id)).toEqual(progressed);
      await store.updateProgress(B, file.id, { status: 'failed', failure: 'not yours' });
      expect(await store.get(A, file.id)).toEqual(progressed);
      await store.updateProgress(A, file.id, { status: 'failed', failure: 'disk full', completedAt: T0 + 60_000 });
      expect(await store.get(A, file.id)).toMatchObject({ status: 'failed', failure: 'disk full', completedAt: T0 + 60_000, accepted: 9 });
      await store.updateProgress(A, newId(), { status: 'completed' });
    });

    it('deletes its own tenant’s file and says whether it did', async () => {
      const file = logFile(A, T0);
      await store.create(file);
      expect(await store.delete(B, file.id)).toBe(false);
      expect(await store.get(A, file.id)).toEqual(file);
      expect(await store.delete(A, file.id)).toBe(true);
      expect(await store.delete(A, file.id)).toBe(false);
      expect(await store.get(A, file.id)).toBeNull();
      expect((await store.list(A, 0, 10)).total).toBe(0);
    });

    it('knows the source keys of every tenant and refuses a second file with one', async () => {
      await store.create(logFile(A, T0, { source: 'watch', sourceKey: 'watch:a.log:10:1' }));
      await store.create(logFile(B, T0, { source: 'upload', sourceKey: null }));
      expect(await store.existsSourceKey('watch:a.log:10:1')).toBe(true);
      expect(await store.existsSourceKey('watch:a.log:10:2')).toBe(false);
      await expect(store.create(logFile(B, T0, { source: 'watch', sourceKey: 'watch:a.log:10:1' }))).rejects.toThrow(DuplicateSourceKeyError);
      expect((await store.list(B, 0, 10)).total).toBe(1);
      await store.create(logFile(B, T0, { sourceKey: null }));
      expect((await store.list(B, 0, 10)).total).toBe(2);
    });

    it('lists the unfinished files of every tenant, oldest first', async () => {
      const pendingB = logFile(B, T0 + 1, { status: 'pending' });
      const processingA = logFile(A, T0, { status: 'processing' });
      const pendingA = logFile(A, T0 + 2, { status: 'pending' });
      const done = logFile(A, T0 - 1, { status: 'completed' });
      const failed = logFile(B, T0 - 2, { status: 'failed' });
      for (const f of [pendingB, processingA, pendingA, done, failed]) await store.create(f);
      await store.updateProgress(A, pendingA.id, { status: 'completed' });
      expect(await store.listUnfinished()).toEqual([processingA, pendingB]);
    });

    it('finds a tenant’s newest file with a content hash, never another tenant’s or a failed one', async () => {
      const older = logFile(A, T0, { contentHash: 'h1', status: 'completed' });
      const newer = logFile(A, T0 + 5, { contentHash: 'h1' });
      const failed = logFile(A, T0 + 9, { contentHash: 'h1', status: 'failed' });
      for (const f of [older, newer, failed, logFile(B, T0 + 20, { contentHash: 'h2' }), logFile(A, T0 + 30)]) await store.create(f);
      expect(await store.findByContentHash(A, 'h1')).toEqual(newer);
      expect(await store.get(A, older.id)).toEqual(older);
      expect(await store.findByContentHash(A, 'h2')).toBeNull();
      expect(await store.findByContentHash(B, 'h1')).toBeNull();
      expect((await store.findByContentHash(B, 'h2'))?.tenantId).toBe(B);
    });
  });
}
