import { IngestRunner } from '../ingest/pipeline/ingest-runner';
import { LogRecord } from '../logs/log-record';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { EventBus } from '../platform/events/event-bus';
import { InProcessLiveFanout } from './in-process-live-fanout';
import { LiveEntry } from './live-entry';
import { compileLiveFilter } from './live-filter';
import { LiveMatches, LiveSelectors } from './live-matches';
import { LiveSubscriber } from './live-subscriber';
import { LiveTailer } from './live-tailer';

class SelectorsRunner {
  latest = new Map<string, LiveSelectors>();
  setLiveSelectors(selectors: LiveSelectors): void {
    this.latest.set(selectors.tenantId, selectors);
  }
}

const turn = () => new Promise((r) => setImmediate(r));
const record = (id: string, service: string): LogRecord =>
  ({ id, tenantId: 't', timestamp: 1, ingestedAt: 2, level: 'INFO', message: 'm', service, fields: {}, tags: [] }) as unknown as LogRecord;

describe('LiveTailer', () => {
  const events = new EventBus();
  const runner = new SelectorsRunner();
  const tailer = new LiveTailer(events, new InProcessLiveFanout(), new MetricsRegistry(), runner as unknown as IngestRunner);
  tailer.onModuleInit();
  afterAll(() => tailer.onApplicationShutdown());

  const subscribe = (service: string) => {
    const got: string[] = [];
    const sink = { busy: () => false, unsentBytes: () => 0, send: (entries: LiveEntry[]) => void got.push(...entries.map((e) => e.id)), dropped: () => undefined };
    const s = new LiveSubscriber('t', service, sink, 1000);
    s.setFilter(compileLiveFilter('t', { service }));
    tailer.add(s);
    return { s, got };
  };
  const publish = (matches: LiveMatches | null, records: LogRecord[]) => {
    let reads = 0;
    events.publish({ type: 'logs.committed', tenantId: 't', count: records.length, matches, records: () => (reads++, records) });
    return reads;
  };

  it('sends prepared matches to the subscribers they cover and reads the records only for those filed since', async () => {
    const api = subscribe('api');
    await turn();
    const selectors = runner.latest.get('t')!;
    expect(selectors.subscribers).toEqual([{ key: expect.any(Number), input: { service: 'api' } }]);
    const key = selectors.subscribers![0].key;
    const matched = (ids: string[]): LiveMatches => ({
      generation: selectors.generation, levels: new Uint8Array(ids.length).fill(2), entries: ids.map((id, line) => ({ line, id, json: `{"id":"${id}"}`, keys: [key] })),
    });

    expect(publish(matched(['a1']), [record('a1', 'api')])).toBe(0);

    const web = subscribe('web'); // filed after the matches' generation: they do not cover it
    expect(publish(matched(['a2']), [record('a2', 'api'), record('w1', 'web')])).toBe(1);
    expect(publish(null, [record('a3', 'api'), record('w2', 'web')])).toBe(1);
    await turn();
    await turn();
    expect(api.got).toEqual(['a1', 'a2', 'a3']);
    expect(web.got).toEqual(['w1', 'w2']);

    tailer.remove(api.s);
    tailer.remove(web.s);
    await turn();
    expect(runner.latest.get('t')!.subscribers).toBeNull();
    expect(tailer.metricsFor('t').by_level).toEqual({});
  });
});
