import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest.module';
import { ParseRulesModule } from '../../parse-rules/parse-rules.module';
import { EsBulkController } from './es-bulk/es-bulk.controller';
import { EsBulkService } from './es-bulk/es-bulk.service';
import { InputListeners } from './input-listeners';
import { InputMetrics } from './input-metrics';
import { InputStats } from './input-stats';
import { InputWriter } from './input-writer';
import { InputsController } from './inputs.controller';
import { KafkaInput } from './kafka/kafka-input';
import { OtlpController } from './otlp/otlp.controller';
import { OtlpService } from './otlp/otlp.service';

/** Network inputs: each decodes its protocol into records for the shared ingest path. */
@Module({
  imports: [IngestModule, ParseRulesModule],
  controllers: [InputsController, EsBulkController, OtlpController],
  providers: [InputStats, InputWriter, EsBulkService, OtlpService, KafkaInput, InputListeners, InputMetrics],
  exports: [InputStats, InputListeners],
})
export class InputsModule {}
