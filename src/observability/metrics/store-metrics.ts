import { Injectable } from '@nestjs/common';
import { PerformanceRecorder } from '../performance-recorder';
import { MetricsRegistry } from './metrics-registry';

/**
 * Log store call durations per adapter and operation, from the same timings that
 * /api/performance averages (`duckdb:search` → `{store="duckdb", operation="search"}`).
 */
@Injectable()
export class StoreMetrics {
  constructor(recorder: PerformanceRecorder, metrics: MetricsRegistry) {
    const durations = metrics.histogram('lognest_log_store_query_duration_seconds', 'Log store call duration', ['store', 'operation']);
    recorder.onRecord((category, name, ms) => {
      if (category !== 'log_store') return;
      const [store, operation] = name.split(':', 2);
      durations.observe({ store, operation }, ms / 1000);
    });
  }
}
