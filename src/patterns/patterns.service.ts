import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LogReadStore } from '../logs/log-read-store';
import { LogScope } from '../logs/log-scope';
import { DrainMiner, Template, templateText } from './drain-miner';

/** Most recent records mined per request: enough for the shape of a day, bounded in time. */
export const MAX_MINED_RECORDS = 50_000;
/** Characters of a message's first line that are mined (a stack trace's frames are not). */
const MAX_LINE = 500;

export interface LogPattern {
  patternId: string;
  service: string | null;
  template: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  sample: string;
  levels: Record<string, number>;
}

/** A pattern's id: a hash of its service and template, the same for the same template on every run. */
export function patternId(service: string | null, template: string): string {
  return createHash('sha1').update(`${service ?? ''}\u0000${template}`).digest('hex').slice(0, 12);
}

/**
 * The patterns of the records of a scope, computed when asked (docs/decisions/0035): the
 * most recent MAX_MINED_RECORDS matching records are mined with one Drain miner per service,
 * largest pattern first.
 */
@Injectable()
export class PatternsService {
  constructor(private readonly logs: LogReadStore) {}

  async patterns(scope: LogScope): Promise<{ patterns: LogPattern[]; mined: number; truncated: boolean }> {
    const miners = new Map<string | null, DrainMiner>();
    const groups = new Map<Template, { service: string | null; count: number; firstSeen: number; lastSeen: number; sample: string; levels: Record<string, number> }>();
    let mined = 0;
    let truncated = false;
    outer: for await (const batch of this.logs.stream(scope, 'desc', 5_000)) {
      for (const r of batch) {
        if (mined >= MAX_MINED_RECORDS) {
          truncated = true;
          break outer;
        }
        mined++;
        let miner = miners.get(r.service);
        if (!miner) miners.set(r.service, (miner = new DrainMiner()));
        const line = r.message.split('\n', 1)[0].slice(0, MAX_LINE);
        const template = miner.add(line);
        const g = groups.get(template) ?? { service: r.service, count: 0, firstSeen: r.timestamp, lastSeen: r.timestamp, sample: line, levels: {} };
        g.count++;
        g.firstSeen = Math.min(g.firstSeen, r.timestamp);
        g.lastSeen = Math.max(g.lastSeen, r.timestamp);
        g.levels[r.level] = (g.levels[r.level] ?? 0) + 1;
        groups.set(template, g);
      }
    }
    // Templates generalize as lines arrive; two may end on the same text, which is one pattern.
    const byId = new Map<string, LogPattern>();
    for (const [template, g] of groups) {
      const text = templateText(template);
      const id = patternId(g.service, text);
      const seen = byId.get(id);
      if (!seen) {
        byId.set(id, { patternId: id, template: text, ...g });
        continue;
      }
      seen.count += g.count;
      seen.firstSeen = Math.min(seen.firstSeen, g.firstSeen);
      seen.lastSeen = Math.max(seen.lastSeen, g.lastSeen);
      for (const [level, n] of Object.entries(g.levels)) seen.levels[level] = (seen.levels[level] ?? 0) + n;
    }
    const patterns = [...byId.values()].sort((a, b) => b.count - a.count || a.patternId.localeCompare(b.patternId));
    return { patterns, mined, truncated };
  }
}
