import { describeFileStoreContract } from './file-store.contract';
import { MemoryFileStore } from './memory-file-store';

describeFileStoreContract('memory', async () => ({ store: new MemoryFileStore(), close: async () => undefined }));
