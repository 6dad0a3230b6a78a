// Alert evaluation bench: N synthetic records in a DuckDB file, R count rules over them,
// every rule evaluated once (state in SQLite, as in production) — does a minute's worth of
// evaluations fit in the minute? Prints one JSON object.
//
//   npm run bench:alerts -- --records 10M --rules 1000 [--concurrency 4] [--dir /tmp/x]
import { FakePatternStore } from '../src/patterns/fake-pattern-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AlertMetrics } from '../src/alerts/alert-metrics';
import { AnomalyDetector } from '../src/anomalies/anomaly-detector.service';
import { SqliteAlertChannelStore } from '../src/alerts/channels/sqlite-alert-channel-store';
import { SqliteDeliveryStore } from '../src/alerts/deliveries/sqlite-delivery-store';
import { AlertEvaluator } from '../src/alerts/evaluator/alert-evaluator';
import { AlertNotifier } from '../src/alerts/notifications/alert-notifier';
import { ChannelSenders } from '../src/alerts/notifications/channel-senders';
import { SqliteDeliveryOutbox } from '../src/alerts/outbox/sqlite-delivery-outbox';
import { AlertRule } from '../src/alerts/rules/alert-rule';
import { SqliteAlertRuleStore } from '../src/alerts/rules/sqlite-alert-rule-store';
import { SqliteSilenceStore } from '../src/alerts/silences/sqlite-silence-store';
import { SqliteAlertStateStore } from '../src/alerts/state/sqlite-alert-state-store';
import { loadConfig } from '../src/config/load-config';
import { DuckDbDatabase } from '../src/logs/duckdb/duckdb-database';
import { DuckDbLogReadStore } from '../src/logs/duckdb/duckdb-log-read-store';
import { MetricsRegistry } from '../src/observability/metrics/metrics-registry';
import { SystemClock } from '../src/platform/clock';
import { SqliteDatabase } from '../src/platform/metadata/sqlite-database';
import { CliArgs } from './cli-args';

const TENANT = 'bench';
const SERVICES = 50;
const DAY = 86_400_000;

function percentile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Records spread evenly over the day before `end`, in time order (as ingest appends them). */
async function generate(duck: DuckDbDatabase, records: number, end: number): Promise<void> {
  const step = DAY / records;
  await duck.execute(`
    INSERT INTO logs (id, tenant_id, ts, ingested_at, level, message, service, server, endpoint, status_code, response_time_ms, user_id)
    SELECT 'r' || i, '${TENANT}', (${end - DAY} + i * ${step})::BIGINT, (${end - DAY} + i * ${step})::BIGINT,
      CASE WHEN i % 20 = 0 THEN 'ERROR' WHEN i % 97 = 0 THEN 'CRITICAL' WHEN i % 7 = 0 THEN 'WARNING' ELSE 'INFO' END,
      CASE WHEN i % 13 = 0 THEN 'upstream timeout after 30s' WHEN i % 20 = 0 THEN 'payment failed for order' ELSE 'request served' END,
      'svc-' || (i % ${SERVICES}), 'web-' || (i % 8), '/api/v1/items/' || (i % 200),
      CASE WHEN i % 20 = 0 THEN 500 ELSE 200 END, (i % 1000)::DOUBLE, 'user-' || (i % 5000)
    FROM range(${records}) t(i)`);
  await duck.tokens.indexUnblocked();
}

/** A mix of rules like a team writes them: per service and level, by words, and grouped. */
function rules(count: number, now: number): AlertRule[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    const service = `svc-${i % SERVICES}`;
    return {
      id: `rule-${i}`, tenantId: TENANT, ownerId: null, ownerName: 'bench', name: `rule ${i}`, description: null,
      query: kind < 6 ? '' : kind < 8 ? 'timeout' : 'status_code:>=500',
      levels: kind < 6 ? ['ERROR', 'CRITICAL'] : [], services: kind < 8 ? [service] : [],
      aggregation: { type: 'count', field: null }, condition: { operator: '>', threshold: 50 + (i % 100), windowMs: 5 * 60_000 },
      groupBy: kind >= 8 ? 'service' : null, intervalMs: 60_000, forMs: 0, keepFiringForMs: 0, noData: 'ok', severity: 'warning',
      channelIds: [], repeatEveryMs: null, enabled: true, createdAt: now, updatedAt: now, timesFired: 0, lastFiredAt: null,
    };
  });
}

async function round(evaluator: AlertEvaluator, list: AlertRule[], now: number, concurrency: number) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < list.length) {
      const rule = list[next++];
      const t = performance.now();
      await evaluator.evaluate(rule, now);
      times.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { seconds: Math.round(seconds * 100) / 100, rules_per_second: Math.round(list.length / seconds), p50_ms: Math.round(percentile(times, 0.5)), p95_ms: Math.round(percentile(times, 0.95)), max_ms: Math.round(times[times.length - 1]) };
}

async function main() {
  const args = new CliArgs(process.argv.slice(2), ['records', 'rules', 'concurrency', 'dir']);
  const records = args.number('records', 10_000_000);
  const ruleCount = args.number('rules', 1000);
  const concurrency = args.number('concurrency', 4);
  const dir = args.optionalString('dir') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-bench-alerts-'));
  const config = loadConfig({ LOGNEST_DATA_DIR: dir, LOGNEST_ALERT_DELAY: '15s' });
  const now = Date.UTC(2026, 0, 1);
  const duck = await DuckDbDatabase.open(path.join(dir, 'logs.duckdb'), { memoryLimit: config.duckdbMemoryLimit, readConcurrency: config.duckdbReadConcurrency });
  const sqlite = new SqliteDatabase(path.join(dir, 'metadata.sqlite'));
  try {
    const loadStarted = performance.now();
    await generate(duck, records, now);
    await duck.execute('CHECKPOINT');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const ruleStore = new SqliteAlertRuleStore(sqlite);
    const list = rules(ruleCount, now);
    for (const rule of list) await ruleStore.create(rule);
    const metrics = new AlertMetrics(new MetricsRegistry());
    const states = new SqliteAlertStateStore(sqlite);
    const notifier = new AlertNotifier(
      new SqliteAlertChannelStore(sqlite), new SqliteSilenceStore(sqlite), new SqliteDeliveryStore(sqlite), new SqliteDeliveryOutbox(sqlite), states,
      new ChannelSenders([]), metrics, new SystemClock(), config,
    );
    const read = new DuckDbLogReadStore(duck);
    const evaluator = new AlertEvaluator(read, new AnomalyDetector(read, new FakePatternStore()), states, ruleStore, notifier, metrics, config);
    const first = await round(evaluator, list, now, concurrency);
    const second = await round(evaluator, list, now + 60_000, concurrency);
    const bytes = fs.statSync(path.join(dir, 'logs.duckdb')).size;
    console.log(JSON.stringify({
      records, rules: ruleCount, concurrency, cores: os.cpus().length, load_seconds: Math.round(loadSeconds * 10) / 10,
      duckdb_mb: Math.round(bytes / 1e6), first_round: first, second_round: second, fits_in_a_minute: Math.max(first.seconds, second.seconds) < 60,
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    }, null, 2));
  } finally {
    duck.close();
    sqlite.close();
    if (!args.optionalString('dir')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
