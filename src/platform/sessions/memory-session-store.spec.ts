import { MemorySessionStore } from './memory-session-store';
import { describeSessionStoreContract } from './session-store.contract';

describeSessionStoreContract('memory', () => new MemorySessionStore());
