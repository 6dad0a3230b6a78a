// `npm run bench -- --patterns [--records 100000 --rounds 3]`: the cost of stamping pattern ids
// on the per-record work of ingest (bench-pattern-cost.ts) and the grouping accuracy of the
// miner on the labelled corpus (pattern-accuracy.ts). `--loghub DIR` measures instead the
// grouping accuracy on Loghub's labelled samples in DIR (loghub-accuracy.ts). No server, no
// HTTP. Prints one JSON object.

import { measurePatternCost } from './bench-pattern-cost';
import { CliArgs } from './cli-args';
import { measureLoghubAccuracy } from './loghub-accuracy';
import { measureGroupingAccuracy } from './pattern-accuracy';

export async function runPatternBench(argv: string[]): Promise<void> {
  const a = new CliArgs(argv.filter((x) => x !== '--patterns'), ['records', 'rounds', 'lines-per-system', 'loghub']);
  const loghub = a.optionalString('loghub');
  if (loghub !== undefined) {
    process.stdout.write(JSON.stringify({ loghub: await measureLoghubAccuracy(loghub) }, null, 2) + '\n');
    return;
  }
  const records = Math.floor(a.number('records', 100_000));
  const rounds = Math.max(1, Math.floor(a.number('rounds', 3)));
  const cost = await measurePatternCost(records, rounds);
  const accuracy = await measureGroupingAccuracy(Math.floor(a.number('lines-per-system', 2_000)));
  process.stdout.write(JSON.stringify({ ingest_cost: cost, grouping: accuracy }, null, 2) + '\n');
}
