import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';

/** Records accepted and rejected per input (`http`, `upload`, `watched_folder`, and each network input). */
@Injectable()
export class IngestMetrics {
  private readonly accepted: Counter<'input'>;
  private readonly rejected: Counter<'input'>;

  constructor(metrics: MetricsRegistry) {
    this.accepted = metrics.counter('lognest_ingested_records_total', 'Records accepted and stored, per input', ['input']);
    this.rejected = metrics.counter('lognest_rejected_records_total', 'Records rejected (with a reason to the sender), per input', ['input']);
  }

  counted(input: string, accepted: number, rejected: number): void {
    // Touch both series so a dashboard shows 0 rather than no data for a clean input.
    this.accepted.inc({ input }, accepted);
    this.rejected.inc({ input }, rejected);
  }
}
