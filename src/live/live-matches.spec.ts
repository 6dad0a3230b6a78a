import { LEVELS } from '../logs/log-record';
import { normalizeRecord } from '../logs/normalize/record-normalizer';
import { fromStored, stampedJson } from '../logs/stored-record';
import { liveEntryOf } from './live-entry';
import { LiveMatchers } from './live-matches';

const inputs = [
  { level: 'error', service: 'api', message: 'payment failed for order 7', status_code: 502 },
  { level: 'info', service: 'web', message: 'request completed', status_code: 200 },
  { level: 'debug', service: 'api', message: 'upstream timeout after 3000 ms' },
  { level: 'warn', message: 'no service here', extra: 'x' },
];

/** Writes the inputs as a chunk would (stampedJson), collecting the matches. */
function chunk(matchers: LiveMatchers, tenantId = 't') {
  const collector = matchers.forChunk(tenantId);
  const lines: string[] = [];
  inputs.forEach((input, i) => {
    const normalized = normalizeRecord(input, { now: 1_750_000_000_000 });
    if ('error' in normalized) throw new Error(normalized.error);
    const stamp = { id: `id${i}`, tenantId, ingestedAt: 1_750_000_000_001, fileId: null, patternId: null };
    const line = stampedJson(normalized.record, stamp);
    lines.push(line);
    collector?.add(normalized.record, stamp, line);
  });
  return { matches: collector?.result() ?? null, lines };
}

describe('LiveMatchers', () => {
  it('matches each record against every subscriber filter and serializes the matched ones as the tailer would', () => {
    const matchers = new LiveMatchers();
    matchers.set({
      tenantId: 't', generation: 7,
      subscribers: [
        { key: 1, input: { service: 'api' } },
        { key: 2, input: { query: 'status_code:>=500 OR timeout' } },
        { key: 3, input: { level: 'WARNING' } },
        { key: 4, input: { query: 'nothing-matches-this' } },
      ],
    });
    const { matches, lines } = chunk(matchers);
    expect(matches!.generation).toBe(7);
    expect([...matches!.levels].map((c) => LEVELS[c])).toEqual(['ERROR', 'INFO', 'DEBUG', 'WARNING']);
    expect(matches!.entries.map((e) => [e.line, e.id, e.keys.sort()])).toEqual([[0, 'id0', [1, 2]], [2, 'id2', [1, 2]], [3, 'id3', [3]]]);
    for (const e of matches!.entries) {
      const readBack = { ...fromStored(JSON.parse(lines[e.line])), tenantId: 't' };
      expect(JSON.parse(e.json)).toEqual(JSON.parse(liveEntryOf(readBack).json));
    }
  });

  it('keeps tenants apart, forgets a tenant nobody watches, and ignores selectors older than the ones it has', () => {
    const matchers = new LiveMatchers();
    matchers.set({ tenantId: 't', generation: 3, subscribers: [{ key: 1, input: {} }] });
    expect(chunk(matchers, 'other').matches).toBeNull();
    matchers.set({ tenantId: 't', generation: 2, subscribers: [] });
    expect(chunk(matchers).matches!.entries).toHaveLength(inputs.length);
    matchers.set({ tenantId: 't', generation: 4, subscribers: [] });
    expect(chunk(matchers).matches).toMatchObject({ generation: 4, entries: [] });
    matchers.set({ tenantId: 't', generation: 0, subscribers: null });
    expect(chunk(matchers).matches).toBeNull();
  });

  it('leaves a tenant unmatched when a filter does not compile (the tailer then reads the records)', () => {
    const matchers = new LiveMatchers();
    matchers.set({ tenantId: 't', generation: 1, subscribers: [{ key: 1, input: { query: 'status_code:>=abc' } }] });
    expect(chunk(matchers).matches).toBeNull();
  });
});
