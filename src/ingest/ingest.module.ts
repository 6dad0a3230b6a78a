import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LogWriteStore } from '../logs/log-write-store';
import { EventBus } from '../platform/events/event-bus';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { InlineIngestRunner } from './pipeline/inline-ingest-runner';
import { IngestRunner } from './pipeline/ingest-runner';
import { LogWriter } from './pipeline/log-writer';
import { WorkerIngestRunner } from './pipeline/worker-ingest-runner';

@Module({
  controllers: [IngestController],
  providers: [
    {
      provide: IngestRunner,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.ingestWorkers > 0 && WorkerIngestRunner.available()
          ? new WorkerIngestRunner(config.ingestWorkers)
          : new InlineIngestRunner(),
    },
    {
      provide: LogWriter,
      inject: [LogWriteStore, EventBus, AppConfig],
      useFactory: (store: LogWriteStore, events: EventBus, config: AppConfig) => new LogWriter(store, events, config.ingestQueueLimit),
    },
    IngestService,
  ],
  exports: [IngestService, IngestRunner, LogWriter],
})
export class IngestModule {}
