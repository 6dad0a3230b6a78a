import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeLogStoreContract } from '../log-store.contract';
import { MemoryLogStore } from './memory-log-store';

describeLogStoreContract('memory', async () => {
  const store = new MemoryLogStore();
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-memory-spool-'));
  return {
    write: store.write,
    read: store.read,
    spoolDir,
    close: async () => fs.rmSync(spoolDir, { recursive: true, force: true }),
  };
});
