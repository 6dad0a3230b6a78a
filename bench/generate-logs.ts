// `npm run generate -- --count 50000 --format json --days 7 --output ./uploads/`
// Writes realistic SaaS logs (NDJSON in saas_logs.json, or saas_logs.csv) and prints the
// statistics summary. See docs/BENCHMARKS.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { CliArgs } from './cli-args';
import { GenerationStats } from './generation-stats';
import { writeLogFileParallel } from './parallel-log-writer';
import { generateLogBatches, sampleTimeWindow } from './sample-log-generator';
import { IncidentInjector, incidentsJson, planIncidents } from './sample-incidents';
import { SampleLogRecord } from './sample-log-record';
import { SampleFormat, writeLogFile } from './sample-log-writer';

const USAGE = `usage: generate-logs [--count N] [--format json|csv] [--days D] [--output DIR]
                     [--file NAME] [--seed N] [--end ISO-TIME] [--workers N] [--incidents [DAYS]]
  --count   number of records (default 10000; 50k, 10M accepted)
  --format  json = one JSON object per line (NDJSON), csv = header row + RFC 4180 rows (default json)
  --days    spread over the last D days (default 30)
  --output  directory (default ./uploads/)
  --file    file name (default saas_logs.json / saas_logs.csv)
  --seed    PRNG seed; the same seed and --end give the same file (default: random, printed)
  --end     end of the time window (default: now, to the minute)
  --workers generator threads; 0 = generate on the main thread (default: 0 below 500k
            records, else CPUs, at most 4; the output does not depend on it)
  --incidents inject labelled incidents (volume spikes, a silent service, error surges,
            latency shifts, new error messages) into the last DAYS days (default 2) of calm
            traffic (no failure bursts, noisy volume); the ground truth goes to
            <file>.incidents.json. Generates on the main thread.`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const args = new CliArgs(argv, ['count', 'format', 'days', 'output', 'file', 'seed', 'end', 'workers', 'incidents']);
  const format = args.string('format', 'json');
  if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv, got '${format}'`);
  const count = Math.floor(args.number('count', 10_000));
  const days = args.number('days', 30);
  if (days <= 0) throw new Error('--days must be > 0');
  const seed = Math.floor(args.number('seed', Math.floor(Math.random() * 2 ** 31)));
  const end = args.optionalString('end');
  const endMs = end === undefined ? sampleTimeWindow({ days }).endMs : Date.parse(end);
  if (Number.isNaN(endMs)) throw new Error(`--end is not a date: '${end}'`);
  // Threads pay off from about half a million records; below that their start-up dominates.
  const incidentDays = args.flag('incidents') ? 2 : args.number('incidents', 0);
  const workers = incidentDays > 0 ? 0 : Math.floor(args.number('workers', count >= 500_000 ? Math.min(4, availableParallelism()) : 0));
  const dir = args.string('output', './uploads/');
  const file = join(dir, args.string('file', `saas_logs.${format}`));
  mkdirSync(dir, { recursive: true });

  console.log(`Generating ${count.toLocaleString('en-US')} ${format.toUpperCase()} logs over ${days} days (seed ${seed}, end ${new Date(endMs).toISOString()}) ...`);
  const stats = new GenerationStats();
  const started = process.hrtime.bigint();
  const opts = { count, days, seed, endMs, calm: incidentDays > 0 };
  let batches = generateLogBatches(opts);
  if (incidentDays > 0) {
    const incidents = planIncidents(seed, sampleTimeWindow(opts), incidentDays);
    writeFileSync(`${file}.incidents.json`, incidentsJson(incidents));
    console.log(`${incidents.length} incidents planned, ground truth in ${file}.incidents.json`);
    batches = injected(batches, new IncidentInjector(incidents, seed));
  }
  const written =
    workers > 0
      ? await writeLogFileParallel(file, format as SampleFormat, opts, workers, stats)
      : await writeLogFile(file, format as SampleFormat, batches, (r) => stats.add(r));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log('');
  console.log(stats.format(seconds, format, file, written.bytes));
}

function* injected(batches: Iterable<SampleLogRecord[]>, injector: IncidentInjector): Generator<SampleLogRecord[]> {
  for (const batch of batches) yield injector.apply(batch);
}

main().catch((err: unknown) => {
  console.error(`generate-logs: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
