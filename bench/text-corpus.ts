// The plain-text format corpus (test/fixtures/text-log-corpus.tsv): lines modelled on documented
// formats with the timestamp and level a reader would give them. Shared by the corpus spec and
// `npm run bench:text-corpus`, which prints the share the text parser reads right.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextParser } from '../src/ingest/parsers/text-parser';
import { normalizeLevel } from '../src/logs/normalize/level-normalizer';
import { parseTimestamp } from '../src/logs/normalize/timestamp-parser';

/** The reference time the corpus's expected years were inferred against. */
export const CORPUS_NOW = Date.UTC(2026, 11, 1, 12);

export interface CorpusLine {
  system: string;
  timestamp: string | null;
  level: string | null;
  line: string;
}

export interface CorpusReading {
  timestamp: string | null;
  level: string | null;
}

function corpusPath(): string {
  // Runs from bench/ under ts (jest) and from dist/bench/ when built.
  const up = __dirname.split(/[\\/]/).includes('dist') ? ['..', '..'] : ['..'];
  return join(__dirname, ...up, 'test', 'fixtures', 'text-log-corpus.tsv');
}

export function readCorpus(): CorpusLine[] {
  return readFileSync(corpusPath(), 'utf8')
    .split('\n')
    .filter((row) => row.length > 0 && !row.startsWith('#'))
    .map((row) => {
      const [system, timestamp, level, ...rest] = row.split('\t');
      return { system, timestamp: timestamp === '-' ? null : timestamp, level: level === '-' ? null : level, line: rest.join('\t') };
    });
}

/** What the text parser makes of one line on its own. */
export function readCorpusLine(line: string): CorpusReading {
  const parser = new TextParser({ now: CORPUS_NOW });
  const items = [...parser.push(line), ...parser.end()];
  const item = items[0];
  if (item === undefined || !('raw' in item)) return { timestamp: null, level: null };
  const ms = item.raw.timestamp === undefined ? null : parseTimestamp(item.raw.timestamp, CORPUS_NOW);
  return { timestamp: ms === null ? null : new Date(ms).toISOString(), level: normalizeLevel(item.raw.level) };
}

export interface CorpusScore {
  lines: number;
  timestamps_right: number;
  levels_right: number;
  both_right: number;
  misses: Array<{ system: string; line: string; expected: CorpusReading; got: CorpusReading }>;
}

export function scoreCorpus(corpus: CorpusLine[] = readCorpus()): CorpusScore {
  const score: CorpusScore = { lines: corpus.length, timestamps_right: 0, levels_right: 0, both_right: 0, misses: [] };
  for (const entry of corpus) {
    const got = readCorpusLine(entry.line);
    const timeRight = got.timestamp === entry.timestamp;
    const levelRight = got.level === entry.level;
    if (timeRight) score.timestamps_right++;
    if (levelRight) score.levels_right++;
    if (timeRight && levelRight) score.both_right++;
    else score.misses.push({ system: entry.system, line: entry.line, expected: { timestamp: entry.timestamp, level: entry.level }, got });
  }
  return score;
}
