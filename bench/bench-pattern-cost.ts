// `npm run bench -- --patterns`, part 1: what stamping pattern ids costs the per-record work of
// ingest (parse, normalize, serialize: prepareBody, which the ingest workers run). The same
// generated bodies are prepared with and without a PatternStamper, in alternating rounds, on
// one thread: the ratio holds on a shared machine where absolute rates drift.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { PatternStamper } from '../src/ingest/pipeline/pattern-stamper';
import { prepareBody } from '../src/ingest/pipeline/prepare-records';
import { SqliteDatabase } from '../src/platform/metadata/sqlite-database';
import { PatternAssigner } from '../src/patterns/pattern-assigner';
import { SqlitePatternStore } from '../src/patterns/sqlite-pattern-store';
import { ndjsonBodies } from './bench-ingest';

export interface PatternCostResult {
  records: number;
  rounds: number;
  without_patterns_records_per_s: number;
  with_patterns_records_per_s: number;
  overhead_percent: number;
  patterns_made: number;
}

// A full collection before each timed run, so that one run's garbage is not collected on the
// next one's clock (without it, whichever mode ran second paid for the first).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

export async function measurePatternCost(records: number, rounds: number, seed = 1): Promise<PatternCostResult> {
  const bodies = [...ndjsonBodies({ count: records, days: 1, seed }, 5_000)].map((b) => b.data.toString('utf8'));
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-pattern-cost-'));
  const sqlite = new SqliteDatabase(':memory:');
  const store = new SqlitePatternStore(sqlite);
  const assigner = new PatternAssigner(store);
  const stamper = new PatternStamper((tenantId, keys) => assigner.assign(tenantId, keys));
  const options = { tenantId: 'bench', fileId: null, format: 'ndjson' as const, spoolDir };
  const run = async (withPatterns: boolean): Promise<number> => {
    collect();
    const started = performance.now();
    for (const body of bodies) {
      const chunk = await prepareBody(body, options, false, withPatterns ? stamper : null);
      if (withPatterns) assigner.counted('bench', chunk.patterns);
      fs.rmSync(chunk.path);
    }
    return performance.now() - started;
  };
  try {
    await run(true); // warm-up: the miners learn the bench's shapes, as a running server has
    await run(false);
    let without = 0;
    let withP = 0;
    for (let i = 0; i < rounds; i++) {
      // Alternating which goes first evens out drift of the shared machine within a round.
      if (i % 2 === 0) {
        without += await run(false);
        withP += await run(true);
      } else {
        withP += await run(true);
        without += await run(false);
      }
    }
    await assigner.settled();
    const rate = (ms: number) => Math.round((records * rounds) / (ms / 1000));
    return {
      records,
      rounds,
      without_patterns_records_per_s: rate(without),
      with_patterns_records_per_s: rate(withP),
      overhead_percent: Math.round((withP / without - 1) * 1000) / 10,
      patterns_made: (await store.list('bench')).length,
    };
  } finally {
    sqlite.close();
    fs.rmSync(spoolDir, { recursive: true, force: true });
  }
}
