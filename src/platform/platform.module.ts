import { Global, Module } from '@nestjs/common';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';
import { EventBus } from './events/event-bus';
import { SqliteDatabase } from './metadata/sqlite-database';

/** Shared infrastructure: the metadata database and the event bus. */
@Global()
@Module({
  providers: [
    EventBus,
    {
      provide: SqliteDatabase,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SqliteDatabase(path.join(config.dataDir, 'metadata.sqlite')),
    },
  ],
  exports: [EventBus, SqliteDatabase],
})
export class PlatformModule {}
