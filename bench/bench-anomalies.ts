// `npm run bench -- --anomalies [--records 600k] [--days 5] [--incident-days 2] [--seed 1]`
// Generates calm, seasonal, noisy traffic with labelled incidents in its last days, stores it
// in an in-memory DuckDB log store (the production read adapter), runs every detection method
// over the incident days and prints precision, recall, F1, false alarms and delay as JSON.

import { maskLine } from '../src/patterns/drain-miner';
import { FakePatternStore } from '../src/patterns/fake-pattern-store';
import { PatternAssigner } from '../src/patterns/pattern-assigner';
import { minedLine, PatternCount, PatternKey } from '../src/patterns/pattern-key';
import { PatternStore, PatternTemplate } from '../src/patterns/pattern-store';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { METHODS } from '../src/anomalies/anomaly';
import { AnomalyDetector } from '../src/anomalies/anomaly-detector.service';
import { LogRecord } from '../src/logs/log-record';
import { DuckDbDatabase } from '../src/logs/duckdb/duckdb-database';
import { DuckDbLogReadStore } from '../src/logs/duckdb/duckdb-log-read-store';
import { DuckDbLogWriteStore } from '../src/logs/duckdb/duckdb-log-write-store';
import { normalizeRecord } from '../src/logs/normalize/record-normalizer';
import { newId } from '../src/platform/ids';
import { scoreDetections } from './anomaly-scoring';
import { CliArgs } from './cli-args';
import { IncidentInjector, incidentsJson, planIncidents } from './sample-incidents';
import { SERVICES } from './sample-log-catalog';
import { GenerateOptions, generateLogBatches, sampleTimeWindow } from './sample-log-generator';

const TENANT = 'bench';
const DAY = 86_400_000;
const log = (msg: string) => process.stderr.write(`[bench-anomalies ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export async function runAnomalyBench(argv: string[]): Promise<void> {
  const a = new CliArgs(argv, ['anomalies', 'records', 'days', 'incident-days', 'seed', 'end', 'db', 'methods']);
  const dbFile = a.optionalString('db');
  const methods = a.string('methods', METHODS.join(',')).split(',') as (typeof METHODS)[number][];
  const records = Math.floor(a.number('records', 600_000));
  const days = a.number('days', 5);
  const incidentDays = a.number('incident-days', 2);
  const seed = Math.floor(a.number('seed', 1));
  // A fixed end: the same run measures the same data, whatever day it is run on.
  const endMs = Date.parse(a.string('end', '2026-11-27T00:00:00Z'));
  const opts = { count: records, days, seed, endMs, calm: true };
  const window = sampleTimeWindow(opts);
  const incidents = planIncidents(seed, window, incidentDays);
  const injector = new IncidentInjector(incidents, seed);

  // --db FILE keeps the generated data for the next run (same options): tuning without regenerating.
  const reuse = dbFile !== undefined && existsSync(dbFile);
  const duck = await DuckDbDatabase.open(dbFile ?? ':memory:');
  // The templates are kept beside a kept store: the records' pattern ids name them.
  const patterns = new FakePatternStore();
  const patternsFile = dbFile === undefined ? undefined : `${dbFile}.patterns.json`;
  if (!reuse) await generateInto(duck, opts, injector, endMs, patterns);
  if (patternsFile !== undefined && !reuse) writeFileSync(patternsFile, JSON.stringify(await patterns.list(TENANT)));
  if (patternsFile !== undefined && reuse) await patterns.save(TENANT, JSON.parse(readFileSync(patternsFile, 'utf8')) as PatternTemplate[]);
  const stored = Number((await duck.query('SELECT count(*)::DOUBLE AS n FROM logs'))[0].n);

  const detector = new AnomalyDetector(new DuckDbLogReadStore(duck), patterns);
  const period = { from: endMs - incidentDays * DAY, to: endMs, service: null };
  const series = SERVICES.length + 1;
  const results: Record<string, unknown> = {};
  for (const method of methods) {
    const started = performance.now();
    const report = await detector.report(TENANT, { ...period, method });
    const seconds = (performance.now() - started) / 1000;
    results[method] = { ...scoreDetections(report.anomalies, incidents, series, incidentDays), seconds: Number(seconds.toFixed(2)) };
    log(`${method}: ${JSON.stringify(results[method])}`);
  }
  duck.close();
  const cpus = os.cpus();
  const out = {
    started_at: new Date().toISOString(),
    machine: { cpu_model: cpus[0]?.model ?? 'unknown', cpus: cpus.length, node: process.version },
    options: { records, stored, days, incident_days: incidentDays, seed, end: new Date(endMs).toISOString(), watched_series: series },
    incidents: JSON.parse(incidentsJson(incidents)),
    methods: results,
  };
  const dir = resolve(__dirname, '..', '..', 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'anomalies-last-run.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out, null, 2));
}

/**
 * Generated records with the incidents applied, normalized and given pattern ids as ingest
 * does (masked first line, the PatternAssigner, counts told once stored), into the store.
 */
async function generateInto(duck: DuckDbDatabase, opts: GenerateOptions, injector: IncidentInjector, now: number, patterns: PatternStore): Promise<void> {
  const write = new DuckDbLogWriteStore(duck, os.tmpdir());
  const assigner = new PatternAssigner(patterns);
  let ingestedAt = Date.now();
  log(`generating and storing ~${opts.count} records over ${opts.days} days ...`);
  let pending: LogRecord[] = [];
  const store = async () => {
    const keys = pending.map((r): PatternKey => {
      const line = minedLine(r.message);
      return { service: r.service, masked: maskLine(line), sample: line, timestamp: r.timestamp };
    });
    const ids = await assigner.assign(TENANT, keys);
    const records = pending.map((r, i) => ({ ...r, patternId: ids[i] }));
    await write.append(TENANT, records);
    const counts = new Map<string, PatternCount>();
    for (const r of records) {
      const c = counts.get(r.patternId!);
      if (c) {
        c.count++;
        c.firstSeen = Math.min(c.firstSeen, r.timestamp);
        c.lastSeen = Math.max(c.lastSeen, r.timestamp);
      } else counts.set(r.patternId!, { id: r.patternId!, count: 1, firstSeen: r.timestamp, lastSeen: r.timestamp });
    }
    assigner.counted(TENANT, [...counts.values()]);
    await assigner.settled();
    pending = [];
  };
  for (const batch of generateLogBatches(opts)) {
    for (const raw of injector.apply(batch)) {
      const result = normalizeRecord(raw as unknown as Record<string, unknown>, { now });
      if ('error' in result) continue;
      ingestedAt++;
      pending.push({ ...result.record, id: newId(ingestedAt), tenantId: TENANT, ingestedAt, fileId: null, patternId: null });
    }
    if (pending.length >= 50_000) await store();
  }
  await store();
}
