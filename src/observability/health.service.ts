import { Injectable } from '@nestjs/common';
import { LogReadStore } from '../logs/log-read-store';
import { SqliteDatabase } from '../platform/metadata/sqlite-database';

/** Whether each backing component answers. */
@Injectable()
export class HealthService {
  constructor(
    private readonly logs: LogReadStore,
    private readonly metadata: SqliteDatabase,
  ) {}

  async components(): Promise<Record<string, boolean>> {
    return { log_store: await this.logs.healthy(), metadata_store: this.metadata.healthy() };
  }
}
