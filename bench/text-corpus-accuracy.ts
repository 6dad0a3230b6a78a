// `npm run bench:text-corpus`: the share of corpus lines whose timestamp and level the text
// parser reads right, and how fast it reads them. Prints one JSON object.

import { TextParser } from '../src/ingest/parsers/text-parser';
import { CORPUS_NOW, readCorpus, scoreCorpus } from './text-corpus';

function linesPerSecond(lines: string[]): number {
  const text = lines.join('\n');
  const rounds = Math.max(1, Math.ceil(200_000 / lines.length));
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    const parser = new TextParser({ now: CORPUS_NOW });
    parser.push(text);
    parser.end();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return Math.round((rounds * lines.length) / seconds);
}

const ISO_SAMPLE = [
  '2024-12-10T06:55:46.123Z INFO [api] GET /api/products/42 200 12ms user=u-17',
  '2024-12-10T06:55:46.456Z WARN [db] slow query took 812ms: SELECT * FROM orders WHERE id = 7',
  '2024-12-10T06:55:47.001Z ERROR [api] request failed',
  'java.lang.IllegalStateException: connection reset by peer',
  '    at com.example.Api.handle(Api.java:42)',
  '2024-12-10T06:55:47.010Z DEBUG [cache] miss key=product:42',
];

const corpus = readCorpus();
const score = scoreCorpus(corpus);
const share = (n: number) => Math.round((1000 * n) / score.lines) / 10;
const report = {
  lines: score.lines,
  systems: new Set(corpus.map((entry) => entry.system)).size,
  timestamps_right_pct: share(score.timestamps_right),
  levels_right_pct: share(score.levels_right),
  both_right_pct: share(score.both_right),
  corpus_lines_per_s: linesPerSecond(corpus.map((entry) => entry.line)),
  // The common case: records that start with an ISO timestamp, some with a stack trace.
  iso_lines_per_s: linesPerSecond(ISO_SAMPLE),
  misses: score.misses,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
