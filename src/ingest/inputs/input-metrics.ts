import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../../observability/metrics/metrics-registry';
import { InputStats } from './input-stats';

/**
 * The per-input counters of InputStats on /metrics, read at each scrape. (Accepted and
 * rejected records per input are also in lognest_ingested/rejected_records_total, counted
 * by IngestService; these add what only the inputs know: frames received, reject reasons,
 * Kafka duplicates and lag.)
 */
@Injectable()
export class InputMetrics {
  constructor(metrics: MetricsRegistry, stats: InputStats) {
    metrics.gauge('lognest_input_enabled', 'Whether the input is listening or consuming', ['input'], (g) => {
      for (const s of stats.list()) g.set({ input: s.name }, s.enabled ? 1 : 0);
    });
    metrics.gauge('lognest_input_received_records', 'Records (frames, documents, messages) an input received since start', ['input'], (g) => {
      for (const s of stats.list()) g.set({ input: s.name }, s.received);
    });
    metrics.gauge('lognest_input_rejected_records', 'Records an input rejected since start, by reason', ['input', 'reason'], (g) => {
      g.reset();
      for (const s of stats.list()) for (const [reason, n] of Object.entries(s.rejectReasons)) g.set({ input: s.name, reason }, n);
    });
    metrics.gauge('lognest_kafka_duplicates_skipped', 'Kafka records redelivered after a crash and skipped because already stored', [], (g) => {
      g.set(stats.of('kafka').duplicates);
    });
    metrics.gauge('lognest_kafka_consumer_lag', 'Messages behind the end of each partition (end offset minus committed offset)', ['topic', 'partition'], (g) => {
      g.reset();
      for (const p of stats.of('kafka').status().partitions ?? []) g.set({ topic: p.topic, partition: String(p.partition) }, p.lag);
    });
  }
}
