import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SessionStore } from './session-store';

const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/** Deletes expired sessions at start and every ten minutes. */
@Injectable()
export class SessionCleanup implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionCleanup.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly store: SessionStore) {}

  onModuleInit(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), CLEANUP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async run(): Promise<number> {
    try {
      return await this.store.deleteExpired(Date.now());
    } catch (err) {
      this.logger.warn(`Could not delete expired sessions: ${(err as Error).message}`);
      return 0;
    }
  }
}
