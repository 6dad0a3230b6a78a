import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';

/** Seconds buckets for request and store durations: 1 ms to 10 s. */
export const DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus registry of this Lognest process, served at GET /metrics. Any module adds
 * its metrics here: `counter`, `gauge` and `histogram` return the metric already registered
 * under a name, so two modules (or two app instances in tests, each with its own registry)
 * never clash. Its own registry, not prom-client's global one, so test apps stay apart.
 */
@Injectable()
export class MetricsRegistry {
  private readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.existing(name) ?? new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** `collect` runs on every scrape, for values read from elsewhere (a queue's depth). */
  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], collect?: (gauge: Gauge<L>) => void | Promise<void>): Gauge<L> {
    return (
      this.existing(name) ??
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        ...(collect ? { collect(this: Gauge<L>) { return collect(this); } } : {}),
      })
    );
  }

  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], buckets = DURATION_BUCKETS): Histogram<L> {
    return this.existing(name) ?? new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  private existing<M extends Metric>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}
