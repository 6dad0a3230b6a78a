// `npm run bench -- --patterns --loghub DIR`: grouping accuracy of the ingest-time miner on
// Loghub's labelled samples (Zhu et al., ICSE-SEIP 2019; github.com/logpai/loghub). DIR holds
// `<System>_2k.log_structured.csv` files as Loghub publishes them (downloaded by the user:
// Loghub's data is for research use, none of it is in this repository). Each file's Content
// column is mined as the ingest path mines a message (minedLine, maskLine, PatternAssigner with
// its one configuration, one service per system) and scored against its EventId column.

import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LabelledLine } from './pattern-corpus';
import { averageAccuracy, minePatterns, SystemScore, systemScore } from './pattern-accuracy';

export const LOGHUB_FILE = /^(.+)_2k\.log_structured\.csv$/;

export interface LoghubResult {
  dir: string;
  per_system: Record<string, SystemScore>;
  average_grouping_accuracy: number;
}

/** The labelled lines of one structured CSV: its Content, labelled by its EventId. */
export function readLoghubCsv(system: string, text: string, source = system): LabelledLine[] {
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  } catch (err) {
    throw new Error(`${source}: not a readable CSV (${(err as Error).message})`);
  }
  if (rows.length > 0 && (!('Content' in rows[0]) || !('EventId' in rows[0]))) {
    throw new Error(`${source}: needs the columns Content and EventId (has ${Object.keys(rows[0]).join(', ')})`);
  }
  return rows.map((r) => ({ system, event: r.EventId, line: r.Content }));
}

/** Every `<System>_2k.log_structured.csv` of a directory, by system, in name order. */
export function readLoghubDir(dir: string): Map<string, LabelledLine[]> {
  const names = fs.readdirSync(dir).filter((n) => LOGHUB_FILE.test(n)).sort();
  if (names.length === 0) throw new Error(`${dir}: no *_2k.log_structured.csv file (Loghub's labelled samples)`);
  const systems = new Map<string, LabelledLine[]>();
  for (const name of names) {
    const system = LOGHUB_FILE.exec(name)![1];
    systems.set(system, readLoghubCsv(system, fs.readFileSync(path.join(dir, name), 'utf8'), name));
  }
  return systems;
}

/** One system's lines mined on their own (a fresh assigner) and scored. */
export async function scoreSystem(lines: readonly LabelledLine[]): Promise<SystemScore> {
  return systemScore(lines, await minePatterns(lines));
}

export async function measureLoghubAccuracy(dir: string): Promise<LoghubResult> {
  const per_system: Record<string, SystemScore> = {};
  for (const [system, lines] of readLoghubDir(dir)) per_system[system] = await scoreSystem(lines);
  return { dir, per_system, average_grouping_accuracy: averageAccuracy(per_system) };
}
