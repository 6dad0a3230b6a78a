import { Module } from '@nestjs/common';
import { SessionCleanup } from './session-cleanup';
import { SessionStore } from './session-store';
import { SqliteSessionStore } from './sqlite-session-store';

/**
 * Browser-session storage. The embedded SQLite adapter for now; a Redis adapter (on
 * LOGNEST_REDIS_URL) plugs in here and must pass session-store.contract.ts.
 */
@Module({
  providers: [{ provide: SessionStore, useClass: SqliteSessionStore }, SessionCleanup],
  exports: [SessionStore],
})
export class SessionsModule {}
