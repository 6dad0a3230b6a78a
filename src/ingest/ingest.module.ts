import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LogWriteStore } from '../logs/log-write-store';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { EventBus } from '../platform/events/event-bus';
import { IngestMetrics } from './ingest-metrics';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { InlineIngestRunner } from './pipeline/inline-ingest-runner';
import { IngestRunner } from './pipeline/ingest-runner';
import { LogWriter } from './pipeline/log-writer';
import { WorkerIngestRunner } from './pipeline/worker-ingest-runner';
import { PatternAssigner } from '../patterns/pattern-assigner';
import { PatternsModule } from '../patterns/patterns.module';

@Module({
  imports: [PatternsModule],
  controllers: [IngestController],
  providers: [
    {
      provide: IngestRunner,
      inject: [AppConfig, PatternAssigner],
      useFactory: (config: AppConfig, patterns: PatternAssigner) =>
        config.ingestWorkers > 0 && WorkerIngestRunner.available()
          ? new WorkerIngestRunner(config.ingestWorkers, patterns)
          : new InlineIngestRunner(patterns),
    },
    {
      provide: LogWriter,
      inject: [LogWriteStore, EventBus, AppConfig, MetricsRegistry],
      useFactory: (store: LogWriteStore, events: EventBus, config: AppConfig, metrics: MetricsRegistry) => {
        const commits = metrics.histogram('lognest_writer_commit_duration_seconds', 'Duration of one group commit of the log writer');
        const committed = metrics.counter('lognest_writer_committed_records_total', 'Records committed by the log writer');
        const writer = new LogWriter(store, events, config.ingestQueueLimit, (ms, records) => {
          commits.observe(ms / 1000);
          committed.inc(records);
        });
        metrics.gauge('lognest_writer_queue_records', 'Records waiting for the log writer to commit them', [], (g) => g.set(writer.pendingRecords));
        return writer;
      },
    },
    IngestMetrics,
    IngestService,
  ],
  exports: [IngestService, IngestRunner, LogWriter, IngestMetrics],
})
export class IngestModule {}
