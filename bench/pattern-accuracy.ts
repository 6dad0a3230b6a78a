// `npm run bench -- --patterns`, part 2: grouping accuracy of the ingest-time miner
// (PatternAssigner: masking + Drain, one configuration for every system) on the labelled
// corpus of pattern-corpus.ts, per system and on average.

import { maskLine } from '../src/patterns/drain-miner';
import { FakePatternStore } from '../src/patterns/fake-pattern-store';
import { PatternAssigner } from '../src/patterns/pattern-assigner';
import { minedLine } from '../src/patterns/pattern-key';
import { groupingAccuracy, LabelledLine, labelledCorpus } from './pattern-corpus';

export interface SystemScore {
  lines: number;
  events: number;
  patterns: number;
  grouping_accuracy: number;
}

export interface AccuracyResult {
  lines: number;
  per_system: Record<string, SystemScore>;
  average_grouping_accuracy: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One system's lines scored against the pattern ids they were given. */
export function systemScore(lines: readonly LabelledLine[], ids: readonly string[]): SystemScore {
  return {
    lines: lines.length,
    events: new Set(lines.map((l) => l.event)).size,
    patterns: new Set(ids).size,
    grouping_accuracy: round3(groupingAccuracy(lines, ids)),
  };
}

/** The mean of the systems' accuracies: each system weighs the same, as in the Loghub papers. */
export function averageAccuracy(perSystem: Record<string, SystemScore>): number {
  const values = Object.values(perSystem).map((s) => s.grouping_accuracy);
  return round3(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The pattern id the ingest path would give each line, one service per system, lines in order. */
export async function minePatterns(lines: readonly LabelledLine[]): Promise<string[]> {
  const assigner = new PatternAssigner(new FakePatternStore());
  const ids: string[] = [];
  for (const l of lines) {
    const line = minedLine(l.line);
    const [id] = await assigner.assign('accuracy', [{ service: l.system, masked: maskLine(line), sample: line, timestamp: 0 }]);
    ids.push(id);
  }
  return ids;
}

export async function measureGroupingAccuracy(perSystem = 2_000, seed = 7): Promise<AccuracyResult> {
  const corpus = labelledCorpus(perSystem, seed);
  const predicted = await minePatterns(corpus);
  const per_system: AccuracyResult['per_system'] = {};
  for (const system of [...new Set(corpus.map((l) => l.system))]) {
    const idx = corpus.flatMap((l, i) => (l.system === system ? [i] : []));
    per_system[system] = systemScore(idx.map((i) => corpus[i]), idx.map((i) => predicted[i]));
  }
  return { lines: corpus.length, per_system, average_grouping_accuracy: averageAccuracy(per_system) };
}
